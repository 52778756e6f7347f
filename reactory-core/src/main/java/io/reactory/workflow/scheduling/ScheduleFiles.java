package io.reactory.workflow.scheduling;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.reactory.workflow.config.ScheduleConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads schedules from YAML files as the specification writes them ({@code config/schedules/*.yml}): a file holds
 * one schedule, or a {@code schedules:} list of them. Unknown fields are errors (a misspelt {@code cronn} must not
 * silently give a schedule without a cron), reported with file, line and field; each schedule is validated as
 * {@link Schedule#from} does.
 *
 * <p>A small loader until the ConfigurationManager takes over YAML loading (with hot reload); it then routes
 * schedule files through this same validation.
 */
public final class ScheduleFiles {
    private static final ObjectMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ScheduleFiles() {}

    /** The {@code schedules:} form of a file. */
    private record ScheduleList(List<ScheduleConfig> schedules) {}

    /** What {@link #apply} did. */
    public record Applied(List<String> added, List<String> updated, List<String> unchanged) {}

    /**
     * Reads and validates the schedules of one file.
     *
     * @throws ScheduleFileException naming the file, line and field of the first error
     */
    public static List<ScheduleConfig> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new ScheduleFileException(file, 0, null, "cannot be read: " + e.getMessage(), e);
        }
        return parse(text, file);
    }

    /** Reads every {@code *.yml} and {@code *.yaml} file of a directory, in file name order. */
    public static List<ScheduleConfig> readDirectory(Path directory) {
        List<Path> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new ScheduleFileException(directory, 0, null, "cannot be listed: " + e.getMessage(), e);
        }
        List<ScheduleConfig> all = new ArrayList<>();
        for (Path file : files) {
            all.addAll(read(file));
        }
        return all;
    }

    /**
     * Parses YAML text.
     *
     * @param source where the text came from, for messages
     */
    public static List<ScheduleConfig> parse(String text, Path source) {
        List<ScheduleConfig> configs;
        try {
            JsonNode root = YAML.readTree(text);
            if (root == null || root.isMissingNode() || root.isNull()) {
                return List.of();
            }
            if (root.isObject() && root.has("schedules") && root.size() == 1) {
                ScheduleList list = YAML.readValue(text, ScheduleList.class);
                configs = list.schedules() == null ? List.of() : list.schedules();
            } else {
                configs = List.of(YAML.readValue(text, ScheduleConfig.class));
            }
        } catch (JsonProcessingException e) {
            throw fileError(source, text, e);
        }
        for (ScheduleConfig config : configs) {
            try {
                Schedule.from(config);
            } catch (InvalidScheduleException e) {
                throw new ScheduleFileException(source, 0, e.scheduleId(), e.getMessage(), e);
            }
        }
        return configs;
    }

    /**
     * Adds each schedule to the scheduler, or updates the existing one with that id when its configuration
     * differs; unchanged ones are left alone, so applying the same files at every start is harmless.
     */
    public static Applied apply(WorkflowScheduler scheduler, List<ScheduleConfig> configs) {
        List<String> added = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        for (ScheduleConfig config : configs) {
            var existing = scheduler.getSchedule(config.id());
            if (existing.isEmpty()) {
                scheduler.addSchedule(config);
                added.add(config.id());
            } else if (!Objects.equals(existing.get(), config)) {
                scheduler.updateSchedule(config.id(), config);
                updated.add(config.id());
            } else {
                unchanged.add(config.id());
            }
        }
        return new Applied(added, updated, unchanged);
    }

    private static ScheduleFileException fileError(Path source, String text, JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        int line = location == null ? 0 : location.getLineNr();
        String field = "";
        if (e instanceof JsonMappingException mapping) {
            field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            List<JsonMappingException.Reference> path = mapping.getPath();
            if (!path.isEmpty() && path.get(path.size() - 1).getFieldName() != null) {
                line = lineOfKey(text, path.get(path.size() - 1).getFieldName(), line);
            }
        }
        String problem;
        if (e instanceof UnrecognizedPropertyException unknown) {
            problem = "unknown field (known: " + unknown.getKnownPropertyIds().stream().map(Object::toString)
                    .sorted().collect(Collectors.joining(", ")) + ")";
        } else {
            problem = e.getOriginalMessage();
        }
        return new ScheduleFileException(source, line, null, (field.isEmpty() ? "" : field + ": ") + problem, e);
    }

    /**
     * The line of {@code key:} nearest before {@code reported}: records are built after all their fields are read,
     * so Jackson reports the end of the object rather than the offending key.
     */
    private static int lineOfKey(String text, String key, int reported) {
        Pattern pattern = Pattern.compile(
                "^\\s*(-\\s*)?[\"']?" + Pattern.quote(key) + "[\"']?\\s*:.*");
        String[] lines = text.split("\\R", -1);
        int best = 0;
        for (int i = 0; i < lines.length && (reported <= 0 || i < reported); i++) {
            if (pattern.matcher(lines[i]).matches()) {
                best = i + 1;
            }
        }
        return best > 0 ? best : reported;
    }
}
