package io.reactory.workflow.config.expression;

/**
 * What one expression may cost. CEL has no loops or recursion, so every evaluation terminates; these bounds keep
 * even a terminating one cheap: the comprehension macros ({@code map}, {@code filter}, {@code all}...) stop after
 * {@code maxIterations} iterations, the whole evaluation after {@code maxSteps} evaluated sub-expressions, and any
 * intermediate string, list or map larger than the size limits stops it too.
 *
 * @param maxLength      characters in an expression's source
 * @param maxDepth       nesting depth of the parsed expression
 * @param maxIterations  iterations of one comprehension
 * @param maxSteps       evaluated sub-expressions per evaluation
 * @param maxStringChars characters of any intermediate string
 * @param maxCollection  elements of any intermediate list or map
 */
public record ExpressionLimits(int maxLength, int maxDepth, int maxIterations, int maxSteps, int maxStringChars,
                               int maxCollection) {
    public static final ExpressionLimits DEFAULT = new ExpressionLimits(2_000, 32, 10_000, 100_000, 1 << 20, 10_000);

    public ExpressionLimits {
        if (maxLength < 1 || maxDepth < 1 || maxIterations < 1 || maxSteps < 1 || maxStringChars < 1 || maxCollection < 1) {
            throw new IllegalArgumentException("expression limits must be positive");
        }
    }
}
