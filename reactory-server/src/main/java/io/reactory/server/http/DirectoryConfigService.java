package io.reactory.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.config.WorkflowConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads {@code workflows/*.yml} and {@code schedules/*.yml} of a configuration directory once, at start. A stand-in
 * until the ConfigurationManager (issue 7) brings validation with line numbers and hot reload.
 */
public final class DirectoryConfigService implements ConfigService {
    private static final long MAX_FILE_BYTES = 1024 * 1024;
    private final List<WorkflowConfig> workflows;
    private final List<ScheduleConfig> schedules;

    /** @throws IllegalArgumentException naming the file and the problem when a file cannot be read */
    public DirectoryConfigService(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("configuration directory " + directory + " does not exist");
        }
        YAMLMapper yaml = new YAMLMapper(YAMLFactory.builder().loaderOptions(loaderOptions()).build());
        this.workflows = read(yaml, directory.resolve("workflows"), ConfigDocuments::workflow);
        this.schedules = read(yaml, directory.resolve("schedules"), ConfigDocuments::schedule);
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit((int) MAX_FILE_BYTES);
        return options;
    }

    private static <T> List<T> read(YAMLMapper yaml, Path folder, java.util.function.Function<JsonNode, T> convert) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        List<T> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList()) {
                try {
                    if (Files.size(file) > MAX_FILE_BYTES) {
                        throw new IllegalArgumentException("larger than " + MAX_FILE_BYTES + " bytes");
                    }
                    out.add(convert.apply(yaml.readTree(file.toFile())));
                } catch (IOException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + folder + ": " + e.getMessage(), e);
        }
        return List.copyOf(out);
    }

    @Override
    public List<WorkflowConfig> workflows() {
        return workflows;
    }

    @Override
    public Optional<WorkflowConfig> workflow(String workflowId) {
        return workflows.stream().filter(c -> workflowId.equals(c.id())).findFirst();
    }

    @Override
    public List<ScheduleConfig> schedules() {
        return schedules;
    }
}
