package org.sigmoidbook.book.run;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A quick run lasts seconds, and most of its CPU went to the JIT's optimising compiler (C2) compiling
 * code that then ran a few thousand times (benchmarks/RESULTS.md, section 5): on C1 alone the quick
 * book takes about two thirds of the time, while the full book is slower on C1. So a quick run from
 * the command line, from {@code compile exec:java} or from a chapter's {@code main}, starts the same
 * command again in a JVM limited to C1 and waits for it. {@code -Dsigmoidbook.quickJit=false} runs
 * it in place; so does a JVM that already chose its JIT tiers, and one under a debugger, whose
 * breakpoints the second JVM would not stop at.
 */
final class QuickJit {

    static final String C1_ONLY = "-XX:TieredStopAtLevel=1";
    static final String PROPERTY = "sigmoidbook.quickJit";
    /**
     * The collector the book runs with (.mvn/jvm.config, pom.xml): ND4J's native memory is freed
     * when its Java objects are collected, which a small, often collected young generation does
     * promptly (benchmarks/RESULTS.md, section 7). Given to the quick run's JVM when this one was
     * left to the JDK's default, as an IDE leaves it.
     */
    static final List<String> BOOK_COLLECTOR = List.of("-XX:+UseParallelGC", "-Xmn256m");

    /** System properties a run reads, passed on to the JVM that runs it. */
    private static final List<String> FORWARDED_PROPERTIES = List.of("sigmoidbook.", "org.bytedeco.", "java.awt.headless",
            "logback.", "ai.djl.");

    private QuickJit() {
    }

    /** Whether this JVM compiles with C1 only, as a quick run's JVM does. */
    static boolean c1Only() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().contains(C1_ONLY);
    }

    /** The command that reruns {@code mainClass args} on C1, or empty when this run stays in this JVM. */
    static Optional<List<String>> relaunch(String mainClass, String[] args) {
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        if (staysInThisJvm(args, jvmOptions, System.getProperty(PROPERTY))) {
            return Optional.empty();
        }
        return Optional.of(command(Path.of(System.getProperty("java.home"), "bin", "java"), jvmOptions, System.getProperties(),
                classPath(), mainClass, args));
    }

    /** A full run, {@code -Dsigmoidbook.quickJit=false}, a JVM that chose its JIT tiers or one under a debugger stays. */
    static boolean staysInThisJvm(String[] args, List<String> jvmOptions, String quickJitProperty) {
        return !List.of(args).contains("--quick") || "false".equals(quickJitProperty)
                || jvmOptions.stream().anyMatch(option -> option.startsWith("-XX:TieredStopAtLevel")
                        || option.startsWith("-agentlib:jdwp"));
    }

    /**
     * The child's command line: the book's collector if this JVM named none, this JVM's memory and
     * collector options (-X, -XX; after the book's, so that they win), the book's own system
     * properties, C1 only, the classes this run loaded its chapters from, and the same arguments.
     */
    static List<String> command(Path java, List<String> jvmOptions, Properties properties, String classPath, String mainClass,
                                String[] args) {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        if (jvmOptions.stream().noneMatch(option -> option.startsWith("-XX:+Use") && option.endsWith("GC"))) {
            command.addAll(BOOK_COLLECTOR);
        }
        jvmOptions.stream().filter(option -> option.startsWith("-X")).forEach(command::add);
        command.add(C1_ONLY);
        properties.stringPropertyNames().stream().sorted()
                .filter(name -> FORWARDED_PROPERTIES.stream().anyMatch(name::startsWith))
                .forEach(name -> command.add("-D" + name + "=" + properties.getProperty(name)));
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Under {@code exec:java} the chapters come from the plugin's class loader, and java.class.path is
     * Maven's own launcher; from an IDE or a plain {@code java -cp} they come from java.class.path.
     */
    private static String classPath() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        if (loader instanceof URLClassLoader urls && urls.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (URL url : urls.getURLs()) {
                try {
                    entries.add(Path.of(url.toURI()).toString());
                } catch (URISyntaxException | IllegalArgumentException e) {
                    throw new IllegalStateException("cannot pass the class path entry " + url + " to the quick run's JVM", e);
                }
            }
            return String.join(File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    /** Runs {@code command} with this process's terminal and environment; returns its exit status. */
    static int run(List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        try {
            Process child = builder.start();
            Thread stopChild = new Thread(child::destroy);
            Runtime.getRuntime().addShutdownHook(stopChild);
            int status = child.waitFor();
            Runtime.getRuntime().removeShutdownHook(stopChild);
            return status;
        } catch (IOException e) {
            System.err.println("error: cannot start the quick run's JVM (" + command.get(0) + "): " + e.getMessage()
                    + "; run with -D" + PROPERTY + "=false to run in this JVM");
            return BookCommand.FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return BookCommand.FAILED;
        }
    }
}
