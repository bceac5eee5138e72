package org.sigmoidbook.site;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.sigmoidbook.runtime.Staging;

/**
 * The course notes as a static website: {@code Site.from(projectRoot).writeTo(dir)} renders the
 * contents page {@code chapters/README.md} and every chapter page {@code chapters/NN-id.md} to HTML,
 * with the figures, data and notebooks they link to and KaTeX to set their math, so that the site
 * works offline, from {@code file://} and from any static host. It runs no experiment: it shows the
 * pages as the last run of the book wrote them.
 *
 * <p>Nothing is written unless every page renders: a broken link, a link of a scheme other than http,
 * https or mailto, or a formula KaTeX cannot parse fails the build, naming the page. All text is
 * escaped, HTML written in the pages included. The site is assembled in a hidden folder inside the
 * target and its files are put in place all or nothing ({@link SiteFiles}).
 */
public final class Site {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    /** Marks the pages of a site written by the book. */
    static final String GENERATOR = "The Sigmoid Book";

    static final String CONTENTS = "index.html";
    private static final Pattern CHAPTER_PAGE = Pattern.compile("\\d\\d-[a-z0-9-]+\\.md");
    private static final List<String> OWN_ASSETS = List.of("site.css", "site.js");

    /** What a build wrote: pages, formulas checked by KaTeX, and files copied from the project. */
    public record Summary(Path dir, int pages, int formulas, int files) {
    }

    private final Path root;

    private Site(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public static Site from(Path projectRoot) {
        return new Site(projectRoot);
    }

    /**
     * Builds the site for {@code dir} (a runner's {@code --site DIR}) and reports on {@code out} or
     * {@code err}: exit status 0 when written, 2 for bad usage, 1 when a page or the write fails.
     */
    public static int build(Path projectRoot, Path dir, PrintStream out, PrintStream err) {
        long start = System.nanoTime();
        try {
            Summary site = from(projectRoot).writeTo(dir);
            out.printf(Locale.ROOT, "Wrote the site to %s: %s, %s checked by KaTeX, %s copied, in %.1f s%n", site.dir(),
                    count(site.pages(), "page"), count(site.formulas(), "formula"), count(site.files(), "file"),
                    (System.nanoTime() - start) / 1e9);
            out.println("Open " + site.dir().resolve(CONTENTS).toUri());
            return OK;
        } catch (SiteException e) {
            err.println("error: " + e.getMessage());
            return e.exitStatus();
        }
    }

    /**
     * Renders every page and writes the site to {@code dir}, which may hold files of its own (a
     * gh-pages checkout, a CNAME): the site replaces the files it wrote there before, removes those
     * of them it no longer needs, and leaves everything else alone. It refuses to overwrite a file
     * it did not write. A {@code dir} that is a symbolic link stays one; files are readable by all.
     */
    public Summary writeTo(Path dir) throws SiteException {
        Path target = dir.toAbsolutePath().normalize();
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw SiteException.usage(target + " is a file, not a folder: name a folder for the site");
        }
        List<SourcePage> pages = pages();
        Map<Path, String> htmlNames = new LinkedHashMap<>();
        pages.forEach(page -> htmlNames.put(page.markdown(), page.htmlName()));
        SiteLinks links = new SiteLinks(root, htmlNames);
        List<PageRenderer.Rendered> rendered = render(pages, links);
        Staging staging = null;
        try {
            SiteFiles.createFolders(target);
            Staging.clearDead(target);
            staging = new Staging(target, "site");
            Path files = Files.createDirectories(staging.folder(Path.of("")));
            writePages(files, rendered);
            copyFiles(files, links.files());
            SiteFiles.place(target, staging);
        } catch (IOException | UncheckedIOException e) {
            discardQuietly(staging);
            throw SiteException.failed("cannot write the site to " + target + ": " + reason(e), e);
        } catch (SiteException e) {
            discardQuietly(staging);
            throw e;
        }
        int formulas = rendered.stream().mapToInt(page -> page.formulas().size()).sum();
        return new Summary(target, rendered.size(), formulas, links.files().size());
    }

    /** The contents page first, then the chapter pages in book order. */
    private List<SourcePage> pages() throws SiteException {
        Path chapters = root.resolve("chapters");
        Path contents = chapters.resolve("README.md");
        if (!Files.isRegularFile(contents)) {
            throw SiteException.usage("no contents page " + contents + ": give the book's own folder");
        }
        List<SourcePage> pages = new ArrayList<>();
        pages.add(new SourcePage(contents, CONTENTS));
        try (Stream<Path> files = Files.list(chapters)) {
            files.map(path -> path.getFileName().toString())
                    .filter(name -> CHAPTER_PAGE.matcher(name).matches())
                    .sorted()
                    .forEach(name -> pages.add(new SourcePage(chapters.resolve(name), name.replaceFirst("\\.md$", ".html"))));
        } catch (IOException e) {
            throw SiteException.failed("cannot read " + chapters + ": " + reason(e), e);
        }
        return pages;
    }

    private List<PageRenderer.Rendered> render(List<SourcePage> pages, SiteLinks links) throws SiteException {
        PageRenderer renderer = new PageRenderer();
        List<PageRenderer.Rendered> rendered = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (SourcePage page : pages) {
            String markdown;
            try {
                markdown = Files.readString(page.markdown(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw SiteException.failed("cannot read " + page.markdown() + ": " + reason(e), e);
            }
            PageRenderer.Rendered result = renderer.render(page, markdown, links);
            result.problems().forEach(problem -> problems.add(name(page) + ": " + problem));
            rendered.add(result);
        }
        problems.addAll(mathProblems(rendered));
        if (!problems.isEmpty()) {
            throw SiteException.failed("the site was not written; fix the page" + (problems.size() == 1 ? "" : "s")
                    + " first:\n  " + String.join("\n  ", problems));
        }
        return rendered;
    }

    /** Every formula that KaTeX cannot parse, by page; KaTeX is loaded only when there are formulas. */
    private List<String> mathProblems(List<PageRenderer.Rendered> pages) {
        List<String> problems = new ArrayList<>();
        if (pages.stream().allMatch(page -> page.formulas().isEmpty())) {
            return problems;
        }
        try (Katex katex = Katex.load()) {
            for (PageRenderer.Rendered page : pages) {
                for (TexMath math : page.formulas()) {
                    katex.problem(math.tex(), math.display()).ifPresent(problem ->
                            problems.add(name(page.page()) + ": KaTeX cannot parse " + math.source() + ": " + problem));
                }
            }
        }
        return problems;
    }

    private String name(SourcePage page) {
        return SiteLinks.sitePath(root, page.markdown());
    }

    private static void writePages(Path site, List<PageRenderer.Rendered> pages) throws IOException {
        PageRenderer.Rendered contents = pages.get(0);
        for (int i = 0; i < pages.size(); i++) {
            PageRenderer.Rendered page = pages.get(i);
            String html = PageLayout.page(page, i == 0 ? null : contents,
                    i == 0 ? null : pages.get(i - 1), i + 1 < pages.size() ? pages.get(i + 1) : null);
            Files.writeString(site.resolve(page.page().htmlName()), html, StandardCharsets.UTF_8);
        }
        Path assets = site.resolve(PageLayout.ASSETS);
        Files.createDirectories(assets);
        for (String name : OWN_ASSETS) {
            try (InputStream in = Site.class.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException(name + " is missing from the class path");
                }
                Files.copy(in, assets.resolve(name));
            }
        }
        Katex.copyAssets(assets.resolve(Katex.FOLDER));
    }

    private void copyFiles(Path site, Set<Path> files) throws IOException {
        for (Path file : files) {
            Path copy = site.resolve(SiteLinks.sitePath(root, file));
            Files.createDirectories(copy.getParent());
            Files.copy(file, copy);
        }
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    /** Whether {@code folder} holds a site that an earlier version of the book wrote, before sites recorded their files. */
    static boolean isSite(Path folder) {
        Path contents = folder.resolve(CONTENTS);
        try {
            return Files.isRegularFile(contents)
                    && Files.readString(contents, StandardCharsets.UTF_8).contains("<meta name=\"generator\" content=\"" + GENERATOR + "\">");
        } catch (IOException e) {
            return false;
        }
    }

    private static void discardQuietly(Staging staging) {
        if (staging == null) {
            return;
        }
        try {
            staging.discard();
        } catch (IOException | UncheckedIOException ignored) {
            // the write error that got us here is the one worth reporting
        }
    }

    private static String reason(Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (cause instanceof AccessDeniedException denied) {
            return "permission denied: " + denied.getFile();
        }
        if (cause instanceof FileAlreadyExistsException file) {
            return "a file stands where a folder is needed: " + file.getFile();
        }
        if (cause instanceof NoSuchFileException missing) {
            return "no such file or folder: " + missing.getFile();
        }
        if (cause instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason() + ": " + fs.getFile();
        }
        return String.valueOf(cause.getMessage());
    }
}
