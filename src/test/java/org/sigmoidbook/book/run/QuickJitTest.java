package org.sigmoidbook.book.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class QuickJitTest {

    @Test
    void theQuickRunsJvmKeepsMemoryAndCollectorOptionsAndTheBooksPropertiesAndAddsC1Only() {
        Properties properties = new Properties();
        properties.setProperty("sigmoidbook.taskTimes", "/tmp/times.csv");
        properties.setProperty("org.bytedeco.javacpp.maxPhysicalBytes", "0");
        properties.setProperty("maven.home", "/usr/share/maven");
        properties.setProperty("user.dir", "/elsewhere");
        List<String> command = QuickJit.command(Path.of("/jdk/bin/java"),
                List.of("-XX:+UseParallelGC", "-Xmn256m", "-Dclassworlds.conf=/etc/m2.conf", "-agentlib:jdwp=transport=dt_socket"),
                properties, "a.jar:b.jar", "org.sigmoidbook.Book", new String[] {"derivative", "--quick"});
        assertEquals(List.of("/jdk/bin/java", "-XX:+UseParallelGC", "-Xmn256m", "-XX:TieredStopAtLevel=1",
                "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-Dsigmoidbook.taskTimes=/tmp/times.csv",
                "-cp", "a.jar:b.jar", "org.sigmoidbook.Book", "derivative", "--quick"), command);
    }

    @Test
    void aJvmLeftToTheDefaultCollectorGivesTheQuickRunTheBooksAndItsOwnMemoryOptionsStillWin() {
        List<String> fromAnIde = QuickJit.command(Path.of("java"), List.of("-Xmn64m", "-Dfile.encoding=UTF-8"), new Properties(),
                "a.jar", "org.sigmoidbook.Book", new String[] {"--quick"});
        assertEquals(List.of("java", "-XX:+UseParallelGC", "-Xmn256m", "-Xmn64m", "-XX:TieredStopAtLevel=1",
                "-cp", "a.jar", "org.sigmoidbook.Book", "--quick"), fromAnIde);
        List<String> withG1 = QuickJit.command(Path.of("java"), List.of("-XX:+UseG1GC"), new Properties(),
                "a.jar", "org.sigmoidbook.Book", new String[] {"--quick"});
        assertEquals(List.of("java", "-XX:+UseG1GC", "-XX:TieredStopAtLevel=1", "-cp", "a.jar", "org.sigmoidbook.Book", "--quick"),
                withG1, "a collector the user chose is kept");
    }

    @Test
    void onlyAQuickRunInAJvmLeftToItsDefaultsMovesToC1() {
        String[] quick = {"derivative", "--quick"};
        List<String> book = List.of("-XX:+UseParallelGC", "-Xmn256m");
        assertFalse(QuickJit.staysInThisJvm(quick, book, null));
        assertTrue(QuickJit.staysInThisJvm(new String[] {"derivative"}, book, null), "a full run");
        assertTrue(QuickJit.staysInThisJvm(quick, book, "false"), "-Dsigmoidbook.quickJit=false");
        assertFalse(QuickJit.staysInThisJvm(quick, book, "true"));
        assertTrue(QuickJit.staysInThisJvm(quick, List.of("-XX:TieredStopAtLevel=4"), null), "tiers chosen");
        assertTrue(QuickJit.staysInThisJvm(quick, List.of("-agentlib:jdwp=transport=dt_socket,server=n"), null), "a debugger");
    }

    @Test
    void aFullRunAndAJvmThatChoseItsJitTiersStayInThisJvm() {
        assertTrue(QuickJit.relaunch("org.sigmoidbook.Book", new String[] {"derivative"}).isEmpty(), "a full run");
        // The tests' JVM runs with -XX:TieredStopAtLevel=1 (pom.xml, surefire's argLine).
        assertTrue(QuickJit.c1Only(), "the test JVM is on C1, as pom.xml starts it");
        assertTrue(QuickJit.relaunch("org.sigmoidbook.Book", new String[] {"derivative", "--quick"}).isEmpty(),
                "a quick run in a JVM that already chose its tiers");
    }
}
