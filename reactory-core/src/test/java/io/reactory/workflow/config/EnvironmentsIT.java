package io.reactory.workflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Overlays, migration between environments, save and load. */
class EnvironmentsIT {
    @TempDir
    Path dir;

    @BeforeEach
    void base() {
        ConfigFixture.write(dir, "workflows/data-processing.yml", """
                # the base configuration
                id: data-processing
                concurrency: 5
                maxRetries: 3
                properties:
                  batchSize: 1000
                  outputFormat: json
                security:
                  allowedRoles: [data-engineer, admin]
                """);
        ConfigFixture.write(dir, "workflows/data-validation.yml", "id: data-validation\n");
        ConfigFixture.write(dir, "environments/dev/workflows/data-processing.yml", """
                concurrency: 1
                properties:
                  batchSize: 10
                security: ~
                """);
        ConfigFixture.write(dir, "environments/prod/workflows/data-processing.yml", """
                concurrency: 20
                dependencies: [data-validation]
                """);
        ConfigFixture.write(dir, "environments/prod/workflows/prod-only.yml", "id: prod-only\n");
    }

    private ConfigurationManager manager(String environment) {
        return ConfigurationManager.builder(dir).environment(environment).build();
    }

    @Test
    void an_overlay_deep_merges_maps_replaces_values_and_null_removes() {
        WorkflowConfig dev = manager("dev").getEnvironmentConfig("dev").stream()
                .filter(c -> c.id().equals("data-processing")).findFirst().orElseThrow();
        assertThat(dev.concurrency()).isEqualTo(1);
        assertThat(dev.maxRetries()).isEqualTo(3);
        assertThat(dev.properties()).isEqualTo(Map.of("batchSize", 10L, "outputFormat", "json"));
        assertThat(dev.security()).isNull();
        ConfigurationSet prod = manager("prod").loadEnvironment("prod");
        assertThat(prod.workflows().get("data-processing").dependencies()).extracting(WorkflowConfig.Dependency::workflowId)
                .containsExactly("data-validation");
        assertThat(prod.workflows()).containsKey("prod-only");
        assertThat(manager(null).environments()).containsExactly("dev", "prod");
    }

    @Test
    void an_overlay_error_names_the_overlay_file_and_line() {
        ConfigFixture.write(dir, "environments/dev/workflows/data-processing.yml", "concurrency: 1\npriority: hihg\n");
        assertThatThrownBy(() -> manager("dev").getEnvironmentConfig("dev"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("environments/dev/workflows/data-processing.yml:2:11 priority: must be one of high,"
                        + " normal, low but is 'hihg'; did you mean 'high'?");
    }

    @Test
    void migration_shows_a_dry_run_then_writes_validated_with_a_backup_and_round_trips() throws IOException {
        ConfigurationManager manager = manager("prod");
        String prodBefore = Files.readString(dir.resolve("environments/prod/workflows/data-processing.yml"));

        MigrationPlan dryRun = manager.migrateConfiguration("dev", "prod", true);
        assertThat(dryRun.applied()).isFalse();
        assertThat(dryRun.changes()).hasSize(1);
        assertThat(dryRun.changes().get(0).fields()).extracting(MigrationPlan.FieldChange::field)
                .containsExactlyInAnyOrder("concurrency", "dependencies", "properties.batchSize", "security");
        assertThat(dryRun.onlyInTarget()).containsExactly("environments/prod/workflows/prod-only.yml");
        assertThat(Files.readString(dir.resolve("environments/prod/workflows/data-processing.yml"))).isEqualTo(prodBefore);

        MigrationPlan applied = manager.migrateConfiguration("dev", "prod");
        assertThat(applied.applied()).isTrue();
        assertThat(Files.readString(applied.backup().resolve("workflows/data-processing.yml"))).isEqualTo(prodBefore);
        WorkflowConfig dev = only(manager.getEnvironmentConfig("dev"), "data-processing");
        WorkflowConfig prod = only(manager.getEnvironmentConfig("prod"), "data-processing");
        assertThat(prod).isEqualTo(dev);
        assertThat(manager.loadEnvironment("prod").workflows()).containsKey("prod-only");
        assertThat(manager.migrateConfiguration("dev", "prod", true).isEmpty()).isTrue();
        assertThat(manager.migrateConfiguration("prod", "dev", true).changes()).extracting(MigrationPlan.FileChange::kind)
                .containsExactly(MigrationPlan.Kind.ADDED);
    }

    @Test
    void migration_from_an_unknown_environment_is_refused_with_a_suggestion() {
        assertThatThrownBy(() -> manager(null).migrateConfiguration("prd", "dev", true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("there is no environment 'prd'").hasMessageContaining("did you mean 'prod'?");
    }

    @Test
    void migration_refuses_an_invalid_source_and_writes_nothing() {
        ConfigFixture.write(dir, "environments/dev/workflows/data-processing.yml", "concurrency: 0\n");
        assertThatThrownBy(() -> manager("prod").migrateConfiguration("dev", "prod"))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("environment 'dev' is invalid");
        assertThat(dir.resolve(".backups")).doesNotExist();
    }

    @Test
    void save_writes_the_overlay_atomically_and_load_reads_it_back() throws IOException {
        ConfigurationManager manager = manager("prod");
        manager.start();
        WorkflowConfig current = manager.loadConfiguration("data-processing");
        WorkflowConfig changed = new WorkflowConfig(current.id(), current.nameSpace(), current.name(), current.version(),
                current.enabled(), current.maxRetries(), current.timeoutMillis(), "high", 30, current.dependencies(),
                current.properties(), current.security(), current.monitoring());
        manager.saveConfiguration(changed);
        assertThat(manager.workflowConfig("data-processing").orElseThrow().concurrency()).isEqualTo(30);
        assertThat(manager.loadConfiguration("data-processing")).isEqualTo(changed);
        assertThat(Files.readString(dir.resolve("workflows/data-processing.yml"))).contains("# the base configuration");
        try (var files = Files.list(dir.resolve("environments/prod/workflows"))) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains(".tmp"));
        }
    }

    @Test
    void validate_configuration_reports_problems_without_writing() {
        ConfigurationManager manager = manager(null);
        WorkflowConfig bad = new WorkflowConfig("data-processing", null, null, null, null, 500, null, null, 5,
                List.of(WorkflowConfig.Dependency.of("no-such-workflow")), Map.of(), null, null);
        ValidationResult result = manager.validateConfiguration(bad);
        assertThat(result.errors()).extracting(ConfigProblem::field).containsExactlyInAnyOrder("maxRetries", "dependencies[0]");
        assertThat(result.errors()).allMatch(p -> p.file().equals("workflows/data-processing.yml") && p.line() > 0);
        assertThatThrownBy(() -> manager.saveConfiguration(bad)).isInstanceOf(ConfigurationException.class);
    }

    @Test
    void dependency_cycles_are_found() {
        ConfigFixture.write(dir, "workflows/data-validation.yml", "id: data-validation\ndependencies: [data-processing]\n");
        ConfigFixture.write(dir, "workflows/data-processing.yml", "id: data-processing\ndependencies:\n  - data-validation\n");
        ValidationResult result = manager(null).validate();
        assertThat(result.errors()).hasSize(1);
        assertThat(result.errors().get(0).format()).isEqualTo(
                "workflows/data-validation.yml:2:16 dependencies[0]: dependency cycle: data-processing → data-validation → data-processing");
    }

    private static WorkflowConfig only(List<WorkflowConfig> configs, String id) {
        return configs.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }
}
