package io.reactory.workflow.config.expression;

import io.reactory.workflow.api.WorkflowException;

/**
 * An expression does not compile (syntax, unknown variable or function, wrong result type), or its evaluation failed
 * or exceeded its budget. The message names the problem and the 1-based column in the expression, never the data
 * the expression was evaluated on.
 */
public class ExpressionException extends WorkflowException {
    private final int column;

    public ExpressionException(String message, int column) {
        super(message);
        this.column = column;
    }

    public ExpressionException(String message, int column, Throwable cause) {
        super(message, cause);
        this.column = column;
    }

    /** 1-based column in the expression where the problem is, 0 when unknown. */
    public int column() {
        return column;
    }
}
