package org.kernelhandles.scenario;

import java.util.List;
import org.kernelhandles.executive.Kernel;
import org.kernelhandles.scenario.syntax.Scenario;
import org.kernelhandles.scenario.syntax.ScenarioParser;
import org.kernelhandles.scenario.syntax.ScenarioSyntaxException;

/**
 * Parses, validates and runs scenario files (the contract in {@code scenario-language.md}). Each
 * run gets a fresh kernel; a file that does not parse or validate is reported with its problems
 * and none of its lines run.
 */
public final class ScenarioRunner {
    private final Kernel.Config config;
    private final boolean strict;
    private final boolean snapshots;

    public ScenarioRunner(Kernel.Config config) {
        this(config, false);
    }

    /**
     * @param strict strict handle checks (R40): a call through a bad handle stops its thread with
     *     the finding, as Application Verifier's raise on Windows
     */
    public ScenarioRunner(Kernel.Config config, boolean strict) {
        this(config, strict, false);
    }

    private ScenarioRunner(Kernel.Config config, boolean strict, boolean snapshots) {
        this.config = config;
        this.strict = strict;
        this.snapshots = snapshots;
    }

    /**
     * A runner like this one that, when {@code on}, records a {@link RunReport.Snapshot} of every
     * handle table and the objects they refer to after each line ({@link RunReport.LineRecord#snapshot()}).
     * Off by default: it costs a walk of every table per line.
     */
    public ScenarioRunner withSnapshots(boolean on) {
        return new ScenarioRunner(config, strict, on);
    }

    /** Runs the scenario {@code text}, read from {@code sourceName}. Never throws for bad input. */
    public RunReport run(String sourceName, String text) {
        Scenario scenario;
        try {
            scenario = ScenarioParser.parse(sourceName, text);
        } catch (ScenarioSyntaxException e) {
            return RunReport.notRun(sourceName, List.of(e.getMessage()));
        }
        List<String> problems = Validator.validate(scenario);
        if (!problems.isEmpty()) {
            return RunReport.notRun(sourceName, problems);
        }
        return new Interpreter(scenario, config, strict).withSnapshots(snapshots).run();
    }

    /** The functions a scenario can call, with their signatures, for help texts. */
    public static List<String> signatures() {
        return Functions.all().stream().map(ScenarioFunction::signature).toList();
    }
}
