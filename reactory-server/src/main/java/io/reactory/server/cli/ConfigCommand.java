package io.reactory.server.cli;

import io.reactory.workflow.config.ConfigProblem;
import io.reactory.workflow.config.ConfigurationException;
import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.config.ConfigurationSet;
import io.reactory.workflow.config.MigrationPlan;
import io.reactory.workflow.config.StepTypeRegistry;
import io.reactory.workflow.config.ValidationResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code reactory config validate DIR} and {@code reactory config migrate --from dev --to prod [--dry-run]}: the
 * ConfigurationManager's checks from the command line. Problems are printed as {@code file:line:column field:
 * message}; the exit code is 1 when there is any error. Step types come from the {@code StepTypeProvider}s on the
 * class path.
 */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Validate and migrate YAML configuration.",
        subcommands = {ConfigCommand.Validate.class, ConfigCommand.Migrate.class})
public final class ConfigCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static ConfigurationManager manager(Path dir, String environment) {
        return ConfigurationManager.builder(dir).environment(environment)
                .stepTypes(StepTypeRegistry.fromServiceLoader(ConfigCommand.class.getClassLoader())).build();
    }

    static void print(PrintWriter err, List<ConfigProblem> problems) {
        problems.forEach(p -> err.println(p.format()));
    }

    /** Validates the base configuration and every environment (or the one given). */
    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check every configuration file of DIR (and its environments); exit 1 on errors.")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "DIR", description = "The configuration directory.")
        Path dir;

        @Option(names = "--env", paramLabel = "ENV", description = "Validate this environment only (default: the base and every environment).")
        String environment;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isDirectory(dir)) {
                err.println(dir + ": not a directory");
                return 1;
            }
            List<String> environments = new ArrayList<>();
            if (environment != null) {
                environments.add(environment);
            } else {
                environments.add(null);
                environments.addAll(manager(dir, null).environments());
            }
            Set<ConfigProblem> problems = new LinkedHashSet<>();
            List<String> summaries = new ArrayList<>();
            for (String env : environments) {
                ConfigurationManager manager = manager(dir, env);
                ValidationResult result = manager.validate();
                problems.addAll(result.problems());
                if (result.isValid()) {
                    ConfigurationSet set = manager.loadEnvironment(env);
                    summaries.add((env == null ? "base" : env) + ": " + set.workflows().size() + " workflows, "
                            + set.schedules().size() + " schedules, " + set.definitions().size() + " definitions");
                }
            }
            ValidationResult all = new ValidationResult(new ArrayList<>(problems));
            print(err, all.problems());
            if (!all.isValid()) {
                err.println(all.errors().size() + (all.errors().size() == 1 ? " error" : " errors") + " in " + dir);
                return 1;
            }
            summaries.forEach(s -> out.println("ok " + s));
            return 0;
        }
    }

    /** Makes one environment's configuration equal another's, with a dry run first if asked. */
    @Command(name = "migrate", mixinStandardHelpOptions = true,
            description = "Make environment TO's configuration equal FROM's (overlays rewritten, validated, backed up).")
    static final class Migrate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--from", required = true, paramLabel = "FROM", description = "The environment to copy from.")
        String from;

        @Option(names = "--to", required = true, paramLabel = "TO", description = "The environment to change.")
        String to;

        @Option(names = "--dry-run", description = "Only show what would change.")
        boolean dryRun;

        @Option(names = "--dir", paramLabel = "DIR", defaultValue = "config",
                description = "The configuration directory (default: ${DEFAULT-VALUE}).")
        Path dir;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            if (!Files.isDirectory(dir)) {
                err.println(dir + ": not a directory");
                return 1;
            }
            try {
                MigrationPlan plan = manager(dir, null).migrateConfiguration(from, to, dryRun);
                out.print(plan.format());
                out.flush();
                return 0;
            } catch (ConfigurationException e) {
                print(err, e.result().problems());
                err.println(e.getMessage().lines().findFirst().orElse("migration failed"));
                return 1;
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return 1;
            }
        }
    }
}
