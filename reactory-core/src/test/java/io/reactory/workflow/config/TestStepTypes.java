package io.reactory.workflow.config;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.StepBody;
import io.reactory.workflow.api.StepContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Step types the configuration tests register by name. */
final class TestStepTypes {
    static final List<String> SENT = new CopyOnWriteArrayList<>();

    private TestStepTypes() {}

    static StepTypeRegistry registry() {
        return StepTypeRegistry.create()
                .register("send-mail", SendMail.class)
                .register("archive", Archive.class)
                .register("reserve", Reserve.class)
                .register("release", Release.class);
    }

    /** Sends a mail: inputs {@code to}, {@code subject}; output {@code messageId}. */
    public static final class SendMail implements StepBody<Map<String, Object>> {
        public String to;
        public String subject;
        public String messageId;

        @Override
        public ExecutionResult run(StepContext<Map<String, Object>> context) {
            SENT.add(to + ":" + subject);
            messageId = "m-" + to;
            return ExecutionResult.next();
        }
    }

    public static final class Archive implements StepBody<Map<String, Object>> {
        @Override
        public ExecutionResult run(StepContext<Map<String, Object>> context) {
            return ExecutionResult.next();
        }
    }

    /** Reserves stock: input {@code sku}, output {@code reservation}. */
    public static final class Reserve implements StepBody<Map<String, Object>> {
        public String sku;
        public String reservation;

        @Override
        public ExecutionResult run(StepContext<Map<String, Object>> context) {
            reservation = "r-" + sku;
            return ExecutionResult.next();
        }
    }

    public static final class Release implements StepBody<Map<String, Object>> {
        @Override
        public ExecutionResult run(StepContext<Map<String, Object>> context) {
            return ExecutionResult.next();
        }
    }
}
