package org.sigmoidbook.book.run;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;

import org.sigmoidbook.book.Chapter;
import org.sigmoidbook.book.ChapterInfo;
import org.sigmoidbook.book.TableOfContents;

/**
 * The book's chapters in book order, each with its {@link ChapterInfo}, as the table of contents
 * lists them. Checked when loaded: every chapter declares its info, ids are unique, and numbers run
 * 1, 2, 3 ... without gaps.
 */
public final class Catalog {

    /** One chapter and its declaration. */
    public record Entry(ChapterInfo info, Chapter chapter) {

        public int number() {
            return info.number();
        }

        public String id() {
            return info.id();
        }

        public String title() {
            return info.title();
        }

        /** The notes page's name, such as {@code 03-vanishing}. */
        public String page() {
            return String.format(Locale.ROOT, "%02d-%s", info.number(), info.id());
        }
    }

    private final List<Entry> entries;

    private Catalog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The book's own chapters, from the table of contents on the class path. */
    public static Catalog load() {
        List<TableOfContents> found = ServiceLoader.load(TableOfContents.class, Catalog.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get).toList();
        if (found.size() != 1) {
            throw new IllegalStateException("expected one table of contents on the class path, found " + found.size());
        }
        return of(found.get(0).chapters());
    }

    public static Catalog of(List<Chapter> chapters) {
        List<Entry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Chapter chapter : chapters) {
            ChapterInfo info = chapter.getClass().getAnnotation(ChapterInfo.class);
            if (info == null) {
                throw new IllegalStateException(chapter.getClass().getName() + " has no @ChapterInfo");
            }
            if (!info.id().matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
                throw new IllegalStateException("chapter id '" + info.id() + "' must be lower-case words joined by dashes");
            }
            if (!ids.add(info.id())) {
                throw new IllegalStateException("two chapters have the id '" + info.id() + "'");
            }
            entries.add(new Entry(info, chapter));
        }
        entries.sort(Comparator.comparingInt(Entry::number));
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i).number() != i + 1) {
                throw new IllegalStateException("chapter numbers must run 1, 2, 3 ... without gaps; '"
                        + entries.get(i).id() + "' is number " + entries.get(i).number() + " where " + (i + 1) + " was expected");
            }
        }
        return new Catalog(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    public Optional<Entry> byId(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst();
    }

    public Entry byClass(Class<? extends Chapter> type) {
        return entries.stream().filter(e -> e.chapter().getClass() == type).findFirst()
                .orElseThrow(() -> new IllegalStateException(type.getName() + " is not listed in the table of contents"));
    }

    public Optional<Entry> previous(Entry entry) {
        int i = entries.indexOf(entry);
        return i > 0 ? Optional.of(entries.get(i - 1)) : Optional.empty();
    }

    public Optional<Entry> next(Entry entry) {
        int i = entries.indexOf(entry);
        return i + 1 < entries.size() ? Optional.of(entries.get(i + 1)) : Optional.empty();
    }

    public String ids() {
        return String.join(", ", entries.stream().map(Entry::id).toList());
    }
}
