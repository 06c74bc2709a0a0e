package org.kernelhandles.cli;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Finding and reading the scenario files named on a command line. */
final class ScenarioFiles {
    private ScenarioFiles() {}

    /**
     * The files named, with each directory replaced by the {@code .scenario} files below it in
     * name order. A name that does not exist is a usage error naming it.
     */
    static List<Path> expand(CommandLine cmd, List<Path> named) {
        List<Path> files = new ArrayList<>();
        for (Path p : named) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    walk.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".scenario"))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new ParameterException(cmd, "cannot read directory " + p + ": " + e.getMessage());
                }
            } else if (Files.exists(p)) {
                files.add(p);
            } else {
                throw new ParameterException(cmd, "no such file or directory: " + p);
            }
        }
        return files;
    }

    /** The file's text, or throws with a message that names the file and what went wrong. */
    static String read(Path file) throws IOException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException(file + ": not UTF-8 text");
        }
    }
}
