package io.reactory.workflow.execution;

import io.reactory.workflow.persistence.ExecutionPointer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The values containers work on: a foreach's items and a decide's branch for a value. */
final class ContainerValues {
    private ContainerValues() {}

    /** The items a foreach iterates, copied from an Iterable or array (none for null). */
    static List<Object> toList(Object items) {
        List<Object> list = new ArrayList<>();
        if (items == null) {
            return list;
        }
        if (items instanceof Iterable<?> iterable) {
            iterable.forEach(list::add);
        } else if (items instanceof Object[] array) {
            list.addAll(List.of(array));
        } else {
            throw new IllegalStateException("forEach needs a collection but got " + items.getClass().getName());
        }
        return list;
    }

    /** The items a running foreach stored with its container pointer. */
    @SuppressWarnings("unchecked")
    static List<Object> itemsOf(ExecutionPointer container) {
        return container.items == null ? List.of() : (List<Object>) container.items.as(List.class);
    }

    /** The branch for {@code value}; a value that is not a key matches a key with the same text ("1" and 1). */
    static Integer match(Map<Object, Integer> cases, Object value) {
        Integer branch = cases.get(value);
        if (branch == null && value != null) {
            String text = String.valueOf(value);
            for (Map.Entry<Object, Integer> entry : cases.entrySet()) {
                if (String.valueOf(entry.getKey()).equals(text)) {
                    return entry.getValue();
                }
            }
        }
        return branch;
    }
}
