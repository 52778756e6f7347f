package io.reactory.workflow.lifecycle;

import static io.reactory.workflow.api.WorkflowStatus.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.IllegalTransitionException;
import io.reactory.workflow.api.WorkflowStatus;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LifecycleTransitionsTest {
    /** The arrows of the specification's state diagram, written out once more by hand. */
    private static final Set<String> DRAWN = Set.of(
            "PENDING>RUNNING", "RUNNING>PAUSED", "RUNNING>COMPLETED", "RUNNING>FAILED", "RUNNING>CANCELLED",
            "PAUSED>RUNNING", "PAUSED>CANCELLED", "FAILED>RUNNING", "FAILED>CLEANING_UP",
            "COMPLETED>CLEANING_UP", "CANCELLED>CLEANING_UP");

    @Test
    void exactly_the_drawn_transitions_are_allowed() {
        for (WorkflowStatus from : WorkflowStatus.values()) {
            for (WorkflowStatus to : WorkflowStatus.values()) {
                assertThat(LifecycleTransitions.isAllowed(from, to)).as(from + " -> " + to)
                        .isEqualTo(DRAWN.contains(from + ">" + to));
            }
        }
    }

    @Test
    void a_refused_transition_names_instance_and_both_states() {
        assertThatThrownBy(() -> LifecycleTransitions.check("i-1", COMPLETED, RUNNING))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("workflow instance 'i-1' cannot go from COMPLETED to RUNNING");
        assertThat(LifecycleTransitions.next(PAUSED)).isEqualTo(EnumSet.of(RUNNING, CANCELLED));
    }
}
