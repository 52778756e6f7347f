package io.reactory.workflow.execution;

import io.reactory.workflow.api.StepBody;
import io.reactory.workflow.api.StepFactory;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Creates steps through their public no-argument constructor, looked up once per class. */
public final class ReflectiveStepFactory implements StepFactory {
    private final ClassValue<MethodHandle> constructors = new ClassValue<>() {
        @Override
        protected MethodHandle computeValue(Class<?> type) {
            try {
                return MethodHandles.publicLookup().findConstructor(type, MethodType.methodType(void.class));
            } catch (NoSuchMethodException | IllegalAccessException e) {
                throw new IllegalArgumentException("step class " + type.getName()
                        + " has no public no-argument constructor (or is not public); give the runner a StepFactory", e);
            }
        }
    };

    @Override
    public StepBody<?> create(Class<?> stepType) {
        try {
            return (StepBody<?>) constructors.get(stepType).invoke();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("constructor of step " + stepType.getName() + " failed", e);
        }
    }
}
