package io.reactory.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmqpOptionsTest {
    private static final URI LOCAL = URI.create("amqp://127.0.0.1:5672/%2F");

    @Test
    void defaults_are_the_specifications_names() {
        AmqpOptions o = AmqpOptions.builder(LOCAL).build();
        assertThat(o.triggerQueue()).isEqualTo("workflow.trigger");
        assertThat(o.triggerDeadLetterQueue()).isEqualTo("workflow.trigger.dead-letter");
        assertThat(o.eventQueue()).isEqualTo("workflow.event");
        assertThat(o.eventDeadLetterQueue()).isEqualTo("workflow.event.dead-letter");
        assertThat(o.exchange()).isEqualTo("reactory.events");
        assertThat(o.eventExchange()).isNull();
        assertThat(o.prefetch()).isEqualTo(64);
        assertThat(o.declareTopology()).isTrue();
    }

    @Test
    void bad_values_are_refused_naming_the_field() {
        assertThatThrownBy(() -> AmqpOptions.builder(URI.create("http://x")).build())
                .hasMessageContaining("uri must start with amqp://");
        assertThatThrownBy(() -> AmqpOptions.builder(LOCAL).prefetch(0).build())
                .hasMessage("prefetch must be between 1 and 10000 but was 0");
        assertThatThrownBy(() -> AmqpOptions.builder(LOCAL).triggerQueue("amq.gen").build())
                .hasMessageContaining("triggerQueue must be");
        assertThatThrownBy(() -> AmqpOptions.builder(LOCAL).triggerDeadLetterQueue("workflow.trigger").build())
                .hasMessageContaining("triggerDeadLetterQueue must differ");
        assertThatThrownBy(() -> AmqpOptions.builder(LOCAL).retryBackoff(Duration.ofSeconds(5), Duration.ofSeconds(1))
                .build()).hasMessageContaining("maxRetryBackoff");
        assertThatThrownBy(() -> AmqpOptions.builder(LOCAL).eventQueue("workflow.trigger").build())
                .hasMessageContaining("eventQueue must differ");
    }

    @Test
    void parts_switch_off_with_null_names() {
        AmqpOptions o = AmqpOptions.builder(LOCAL).triggerQueue(null).eventQueue(null).exchange(null).build();
        assertThat(o.triggerDeadLetterQueue()).isNull();
        assertThat(o.eventDeadLetterQueue()).isNull();
    }

    @Test
    void the_password_never_shows() {
        AmqpOptions o = AmqpOptions.builder(URI.create("amqp://user:s3cret@host/vh")).credentials("u", "hunter2").build();
        assertThat(o.toString()).doesNotContain("hunter2").doesNotContain("s3cret").contains("amqp://host/vh");
    }

    @Test
    void the_config_section_reads_every_key_and_takes_credentials_from_the_environment() throws Exception {
        var section = new YAMLMapper().readTree("""
                uri: amqp://rabbit:5672/prod
                usernameEnv: MQ_USER
                passwordEnv: MQ_PASS
                principal: amqp-listener
                triggerQueue: start
                eventQueue: ~
                exchange: events
                prefetch: 16
                retryBackoff: PT2S
                maxRetryBackoff: PT1M
                declareTopology: false
                """);
        AmqpOptions o = AmqpConfig.fromSection(section, Map.of("MQ_USER", "svc", "MQ_PASS", "pw"));

        assertThat(o.username()).isEqualTo("svc");
        assertThat(o.password()).isEqualTo("pw");
        assertThat(o.principal()).isEqualTo("amqp-listener");
        assertThat(o.triggerQueue()).isEqualTo("start");
        assertThat(o.triggerDeadLetterQueue()).isEqualTo("start.dead-letter");
        assertThat(o.eventQueue()).isNull();
        assertThat(o.exchange()).isEqualTo("events");
        assertThat(o.prefetch()).isEqualTo(16);
        assertThat(o.retryBackoff()).isEqualTo(Duration.ofSeconds(2));
        assertThat(o.maxRetryBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(o.declareTopology()).isFalse();
    }

    @Test
    void config_mistakes_name_the_key() throws Exception {
        YAMLMapper yaml = new YAMLMapper();
        assertThatThrownBy(() -> AmqpConfig.fromSection(yaml.readTree("uri: amqp://h\nprefech: 3"), Map.of()))
                .hasMessageStartingWith("amqp.prefech: unknown key");
        assertThatThrownBy(() -> AmqpConfig.fromSection(yaml.readTree("prefetch: 3"), Map.of()))
                .hasMessage("amqp.uri is required");
        assertThatThrownBy(() -> AmqpConfig.fromSection(yaml.readTree("uri: amqp://h\nusernameEnv: NOPE"), Map.of()))
                .hasMessage("amqp.usernameEnv: environment variable NOPE is not set");
        assertThatThrownBy(() -> AmqpConfig.fromSection(yaml.readTree("uri: amqp://h\nretryBackoff: 5s"), Map.of()))
                .hasMessageContaining("amqp.retryBackoff must be an ISO-8601 duration");
        assertThatThrownBy(() -> AmqpConfig.fromSection(yaml.readTree("uri: amqp://h\nprefetch: 0"), Map.of()))
                .hasMessage("amqp: prefetch must be between 1 and 10000 but was 0");
    }

    @Test
    void a_file_without_an_amqp_section_switches_the_adapter_off(@TempDir Path dir) throws Exception {
        Path without = Files.writeString(dir.resolve("server.yml"), "http:\n  port: 8080\n");
        Path with = Files.writeString(dir.resolve("amqp.yml"), "amqp:\n  uri: amqp://127.0.0.1/%2F\n");

        assertThat(AmqpConfig.read(without, Map.of())).isEmpty();
        assertThat(AmqpConfig.read(with, Map.of("REACTORY_AMQP_USERNAME", "guest"))).get()
                .extracting(AmqpOptions::username).isEqualTo("guest");
    }
}
