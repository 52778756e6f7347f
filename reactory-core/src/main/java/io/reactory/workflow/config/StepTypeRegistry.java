package io.reactory.workflow.config;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import io.reactory.workflow.api.StepBody;
import io.reactory.workflow.internal.Json;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The allow-list of step types a declarative (YAML) workflow may use: each is registered in code under a name, and
 * a YAML file can only name one of them, never a class. A step type's inputs and outputs are its Jackson
 * properties (public fields or setters/getters); YAML input mappings may set only those. Thread-safe.
 *
 * <pre>{@code
 * StepTypeRegistry types = StepTypeRegistry.create()
 *         .register("send-email", SendEmail.class)                  // public no-argument constructor
 *         .register("charge-card", ChargeCard.class, () -> new ChargeCard(payments));
 * }</pre>
 *
 * Libraries can contribute types through {@link StepTypeProvider} ({@link #fromServiceLoader}).
 */
public final class StepTypeRegistry {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*([.-][a-z0-9]+)*");
    private final Map<String, StepType> types = new ConcurrentHashMap<>();

    /**
     * A registered step type.
     *
     * @param inputs  properties an input mapping may set
     * @param outputs properties an output mapping may read as {@code result.<name>}
     */
    public record StepType(String name, Class<?> type, Supplier<? extends StepBody<?>> factory, Set<String> inputs,
                           Set<String> outputs) {
        public StepType {
            inputs = Collections.unmodifiableSet(new TreeSet<>(inputs));
            outputs = Collections.unmodifiableSet(new TreeSet<>(outputs));
        }

        /** A new step object for one activation. */
        @SuppressWarnings("unchecked")
        public StepBody<Object> create() {
            return (StepBody<Object>) factory.get();
        }
    }

    private StepTypeRegistry() {}

    public static StepTypeRegistry create() {
        return new StepTypeRegistry();
    }

    /** A registry filled by every {@link StepTypeProvider} on the class path. */
    public static StepTypeRegistry fromServiceLoader(ClassLoader loader) {
        StepTypeRegistry registry = create();
        ServiceLoader.load(StepTypeProvider.class, loader).forEach(provider -> provider.register(registry));
        return registry;
    }

    /**
     * Registers a step class created with its public no-argument constructor.
     *
     * @throws IllegalArgumentException when the name is malformed or taken, or the class has no such constructor
     */
    public <S extends StepBody<?>> StepTypeRegistry register(String name, Class<S> type) {
        java.lang.reflect.Constructor<S> constructor;
        try {
            constructor = type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw new IllegalArgumentException("step type '" + name + "': " + type.getName()
                    + " needs a public no-argument constructor, or register it with a factory");
        }
        return register(name, type, () -> {
            try {
                return constructor.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create step type '" + name + "': " + e.getMessage(), e);
            }
        });
    }

    /**
     * Registers a step class with the factory that creates it (one object per activation).
     *
     * @throws IllegalArgumentException when the name is malformed or already registered
     */
    public <S extends StepBody<?>> StepTypeRegistry register(String name, Class<S> type, Supplier<? extends S> factory) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("step type names are lower-case words joined by '-' or '.' (e.g."
                    + " 'send-email') but got '" + name + "'");
        }
        ObjectMapper mapper = Json.mapper();
        BeanDescription in = mapper.getDeserializationConfig().introspect(mapper.constructType(type));
        BeanDescription out = mapper.getSerializationConfig().introspect(mapper.constructType(type));
        Set<String> inputs = new TreeSet<>();
        for (BeanPropertyDefinition p : in.findProperties()) {
            if (p.hasSetter() || p.hasField() || p.hasConstructorParameter()) {
                inputs.add(p.getName());
            }
        }
        Set<String> outputs = new TreeSet<>();
        for (BeanPropertyDefinition p : out.findProperties()) {
            if (p.couldSerialize()) {
                outputs.add(p.getName());
            }
        }
        StepType previous = types.putIfAbsent(name, new StepType(name, type, factory, inputs, outputs));
        if (previous != null) {
            throw new IllegalArgumentException("step type '" + name + "' is already registered (" + previous.type().getName() + ")");
        }
        return this;
    }

    public Optional<StepType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(new TreeSet<>(types.keySet()));
    }

    public Map<String, StepType> all() {
        return Collections.unmodifiableMap(new TreeMap<>(types));
    }
}
