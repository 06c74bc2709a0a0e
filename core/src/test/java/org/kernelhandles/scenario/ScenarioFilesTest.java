package org.kernelhandles.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.kernelhandles.executive.Kernel;

/**
 * Runs every scenario file in {@code core/src/test/scenarios} through {@link ScenarioRunner} and
 * requires each to pass, so that {@code mvn verify} checks the same files as
 * {@code kh check core/src/test/scenarios}. A failing file prints every failed expectation (line,
 * text, expected, actual) in the assertion message.
 */
class ScenarioFilesTest {

    /** Each behaviour area's file and the rules of {@code semantics.md} it pins. */
    private static final Map<String, String> RULES = new TreeMap<>(Map.ofEntries(
            Map.entry("handle-values.scenario", "R7, R8"),
            Map.entry("pseudo-handles.scenario", "R11, R12, R13"),
            Map.entry("close-handle.scenario", "R2, R14, R15, R16"),
            Map.entry("duplicate-handle.scenario", "R18-R26"),
            Map.entry("duplicate-across-processes.scenario", "R6, R18, R20, R21, R26, NtDuplicateObject"),
            Map.entry("handle-information.scenario", "R10, R27, R28"),
            Map.entry("named-objects.scenario", "R2, R29, R30, R31"),
            Map.entry("access-checks.scenario", "R32, R33"),
            Map.entry("processes-and-threads.scenario", "R1, R4, R5, R17"),
            Map.entry("inheritance.scenario", "R37"),
            Map.entry("files.scenario", "R26, R38"),
            Map.entry("devices.scenario", "R39"),
            Map.entry("immediate-waits.scenario", "R13, R32, R35, R36")));

    /** {@code src/test/scenarios} from {@code core/} (where Maven runs tests), or from the repository root. */
    static Path scenarioDir() {
        for (Path candidate : List.of(Path.of("src/test/scenarios"), Path.of("core/src/test/scenarios"))) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static List<Path> scenarioFiles() throws IOException {
        Path dir = scenarioDir();
        assertNotNull(dir, "no src/test/scenarios folder");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".scenario")).sorted().toList();
        }
    }

    static String describe(RunReport report) {
        StringBuilder sb = new StringBuilder("FAIL " + report.source());
        for (String problem : report.problems()) {
            sb.append("\n  ").append(problem);
        }
        for (RunReport.Failure f : report.failures()) {
            sb.append("\n  line ").append(f.line()).append(": ").append(f.text())
                    .append("\n      expected: ").append(f.expected())
                    .append("\n      actual:   ").append(f.actual());
        }
        return sb.toString();
    }

    @TestFactory
    Stream<DynamicTest> everyScenarioFilePasses() throws IOException {
        return scenarioFiles().stream().map(file -> {
            String name = file.getFileName().toString();
            String rules = RULES.getOrDefault(name, "");
            return DynamicTest.dynamicTest(name + (rules.isEmpty() ? "" : " (" + rules + ")"), () -> {
                RunReport report = new ScenarioRunner(Kernel.Config.DEFAULT)
                        .run(name, Files.readString(file, StandardCharsets.UTF_8));
                if (!report.passed()) {
                    System.out.println(describe(report));
                    fail(describe(report));
                }
                assertTrue(report.lines().size() > 10, name + " ran only " + report.lines().size() + " lines");
            });
        });
    }

    @Test
    void everyBehaviourAreaHasItsFile() throws IOException {
        List<String> present = scenarioFiles().stream().map(p -> p.getFileName().toString()).toList();
        List<String> missing = new ArrayList<>(RULES.keySet());
        missing.removeAll(present);
        assertEquals(List.of(), missing, "scenario files missing from " + scenarioDir());
    }

    /** Every line of every file runs: no script errors hide behind a passing expectation elsewhere. */
    @Test
    void noLineIsAnErrorInTheScript() throws IOException {
        for (Path file : scenarioFiles()) {
            RunReport report = new ScenarioRunner(Kernel.Config.DEFAULT)
                    .run(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            for (RunReport.LineRecord line : report.lines()) {
                assertEquals(null, line.error(), file.getFileName() + ":" + line.line());
            }
        }
    }
}
