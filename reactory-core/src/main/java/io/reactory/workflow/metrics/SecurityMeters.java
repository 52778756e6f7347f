package io.reactory.workflow.metrics;

import io.micrometer.core.instrument.Counter;
import io.reactory.workflow.persistence.AuditRecord;
import io.reactory.workflow.persistence.SecurityEvent;
import io.reactory.workflow.security.SecurityListener;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Security events by type, rate-limit refusals by endpoint, audit entries by action and outcome (user activity). */
final class SecurityMeters implements SecurityListener {
    private final MeterFactory meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    SecurityMeters(MeterFactory meters) {
        this.meters = meters;
    }

    /** Registers the counters every scrape should show, at zero until something happens. */
    void register() {
        for (SecurityEvent.Type type : SecurityEvent.Type.values()) {
            counter(ReactoryMetrics.SECURITY_EVENTS, type.name());
        }
    }

    @Override
    public void securityEvent(SecurityEvent event) {
        counter(ReactoryMetrics.SECURITY_EVENTS, event.type().name()).increment();
    }

    @Override
    public void rateLimited(String endpoint) {
        counter(ReactoryMetrics.RATE_LIMITED, endpoint).increment();
    }

    @Override
    public void audited(AuditRecord record) {
        counter(ReactoryMetrics.AUDIT_ENTRIES, record.action(), record.outcome().name()).increment();
    }

    private Counter counter(ReactoryMetrics.Definition definition, String... values) {
        String key = definition.name() + '\u0000' + String.join("\u0000", values);
        Counter c = counters.get(key);
        return c != null ? c : counters.computeIfAbsent(key, k -> meters.counter(definition, values));
    }
}
