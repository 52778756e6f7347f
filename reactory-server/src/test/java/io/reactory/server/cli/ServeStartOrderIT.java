package io.reactory.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.WorkflowDisabledException;
import io.reactory.workflow.api.WorkflowNotFoundException;
import io.reactory.workflow.security.AccessDeniedException;
import io.reactory.workflow.security.AuthenticationException;
import io.reactory.workflow.security.Caller;
import io.reactory.workflow.security.SecurityContext;
import io.reactory.workflow.security.User;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reactory serve} checks who starts a workflow before its configuration is consulted, on every channel (the
 * AMQP adapter and code running in the server bind a caller the same way): a caller that may not start a disabled
 * workflow learns that it may not, never that the workflow exists and is disabled.
 */
class ServeStartOrderIT {
    private static String startAs(ServeCommand.Running running, User user) {
        return SecurityContext.callAs(new Caller(user, "test", "request-1"),
                () -> running.runner().startWorkflow("gated", null));
    }

    private static User user(String id, String namespace, Set<String> permissions) {
        return new User(id, namespace, Set.of(), permissions, User.AuthMethod.API_KEY);
    }

    @Test
    void an_unauthorised_start_of_a_disabled_workflow_is_refused_as_unauthorised(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("workflows"));
        Files.createDirectories(dir.resolve("definitions"));
        Files.writeString(dir.resolve("definitions/gated.yml"), """
                id: gated
                version: "1"
                steps:
                  - step: validate-records
                """);
        Files.writeString(dir.resolve("workflows/gated.yml"), "id: gated\nenabled: false\n");
        Files.writeString(dir.resolve("server.yml"), "server:\n  port: 0\n");
        ServerSettings settings = ServerSettings.resolve(new ServerSettings.Flags(dir, null, null, dir.resolve("data"), null, null, null),
                Map.of());

        try (ServeCommand.Running running = ServeCommand.start(settings, true, new PrintWriter(new StringWriter()))) {
            assertThatThrownBy(() -> startAs(running, user("vic", "default", Set.of("workflow:read"))))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> startAs(running, User.ANONYMOUS)).isInstanceOf(AuthenticationException.class);
            assertThatThrownBy(() -> startAs(running, user("otto", "other", Set.of("workflow:start"))))
                    .isInstanceOf(WorkflowNotFoundException.class);
            // only a caller allowed to start it is told that the configuration disables it
            assertThatThrownBy(() -> startAs(running, user("olga", "default", Set.of("workflow:start"))))
                    .isInstanceOf(WorkflowDisabledException.class);
            assertThat(running.runner().getWorkflowStats().started()).isZero();
        }
    }
}
