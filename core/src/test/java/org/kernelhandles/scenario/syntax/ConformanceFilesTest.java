package org.kernelhandles.scenario.syntax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file of the shared conformance folder parses. The folder is the system property
 * {@code kh.conformance.dir} if set, else {@code ../../shared/conformance} from the working
 * directory (Maven runs the tests from {@code core/}), else {@code ../shared/conformance}; the
 * tests are skipped when none exists.
 */
class ConformanceFilesTest {

    static Path conformanceDir() {
        String property = System.getProperty("kh.conformance.dir");
        List<Path> candidates = property != null
                ? List.of(Path.of(property))
                : List.of(Path.of("../../shared/conformance"), Path.of("../shared/conformance"));
        return candidates.stream().filter(Files::isDirectory).findFirst().orElse(null);
    }

    private static List<Path> scenarioFiles() throws IOException {
        Path dir = conformanceDir();
        assumeTrue(dir != null, "no conformance folder");
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> list = files.filter(p -> p.getFileName().toString().endsWith(".scenario"))
                    .sorted().toList();
            assumeTrue(!list.isEmpty(), "no scenario files");
            return list;
        }
    }

    @TestFactory
    Stream<DynamicTest> everyConformanceFileParses() throws IOException {
        return scenarioFiles().stream().map(file -> DynamicTest.dynamicTest(
                file.getFileName().toString(), () -> {
                    String text = Files.readString(file, StandardCharsets.UTF_8);
                    Scenario scenario = ScenarioParser.parse(file.getFileName().toString(), text);
                    List<String> lines = text.lines().toList();
                    long statementLines = lines.stream().map(String::strip)
                            .filter(l -> !l.isEmpty() && !l.startsWith("#") && !l.startsWith("//"))
                            .count();
                    assertEquals(statementLines, scenario.statements().size());
                    assertFalse(scenario.statements().isEmpty());
                    for (Statement s : scenario.statements()) {
                        String raw = lines.get(s.line() - 1).strip();
                        assertEquals(raw, s.text(), "text of line " + s.line());
                    }
                }));
    }

    @Test
    void namedObjectsUsesValidWithALastError() throws Exception {
        Path dir = conformanceDir();
        assumeTrue(dir != null && Files.isRegularFile(dir.resolve("named-objects.scenario")));
        Scenario s = ScenarioParser.parse("named-objects.scenario",
                Files.readString(dir.resolve("named-objects.scenario"), StandardCharsets.UTF_8));
        Statement first = s.statements().get(0);
        assertEquals(Statement.Kind.BIND_CALL, first.kind());
        ExpectValid valid = assertInstanceOf(ExpectValid.class, first.expectation());
        assertEquals("ERROR_SUCCESS", assertInstanceOf(Name.class, valid.lastError()).identifier());
    }

    @Test
    void threadFileHasAThreadPrefix() throws Exception {
        Path dir = conformanceDir();
        assumeTrue(dir != null && Files.isRegularFile(dir.resolve("thread-keeps-itself-alive.scenario")));
        Scenario s = ScenarioParser.parse("t.scenario",
                Files.readString(dir.resolve("thread-keeps-itself-alive.scenario"), StandardCharsets.UTF_8));
        List<Statement> prefixed = s.statements().stream().filter(st -> st.threadPrefix() != null).toList();
        assertEquals(1, prefixed.size());
        Statement exit = prefixed.get(0);
        assertEquals("tid", exit.threadPrefix());
        assertEquals(new Position(exit.line(), 2), exit.threadAt());
        assertEquals("ExitThread", assertInstanceOf(Call.class, exit.expr()).function());
        assertNull(exit.expectation());
        assertEquals("@tid: ExitThread(7)", exit.text());
    }
}
