package io.reactory.workflow.config.expression;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compiles the expressions of declarative workflows (conditions, loop items, input and output mappings, event keys)
 * in CEL, the Common Expression Language: side-effect free and not Turing-complete, so an expression cannot reach a
 * Java class, a file or the network, and always terminates. Only the standard functions and macros are available,
 * and only the variables a place declares ({@code data}, {@code item}, {@code result}...). Costs are bounded by
 * {@link ExpressionLimits}. Thread-safe.
 *
 * <pre>{@code
 * Expression big = ExpressionSandbox.create().compile("data.amount > 100", Set.of("data"), ResultType.BOOL);
 * boolean yes = big.test(Map.of("data", Map.of("amount", 150)));
 * }</pre>
 */
public final class ExpressionSandbox {
    private final ExpressionLimits limits;
    private final CelOptions options;
    private final Map<String, Cel> environments = new ConcurrentHashMap<>();

    /** What an expression must evaluate to, checked when it compiles (values of unknown type pass). */
    public enum ResultType {
        ANY,
        BOOL,
        LIST,
        STRING
    }

    private ExpressionSandbox(ExpressionLimits limits) {
        this.limits = limits;
        this.options = CelOptions.current()
                .maxExpressionCodePointSize(limits.maxLength())
                .maxParseRecursionDepth(limits.maxDepth())
                .comprehensionMaxIterations(limits.maxIterations())
                .enableTimestampEpoch(false)
                .build();
    }

    public static ExpressionSandbox create() {
        return new ExpressionSandbox(ExpressionLimits.DEFAULT);
    }

    public static ExpressionSandbox create(ExpressionLimits limits) {
        return new ExpressionSandbox(limits);
    }

    public ExpressionLimits limits() {
        return limits;
    }

    /**
     * Compiles an expression that may use only {@code variables}.
     *
     * @throws ExpressionException naming the first problem and its column
     */
    public Expression compile(String source, Set<String> variables, ResultType expected) {
        if (source == null || source.isBlank()) {
            throw new ExpressionException("the expression is empty", 1);
        }
        if (source.length() > limits.maxLength()) {
            throw new ExpressionException("the expression is longer than " + limits.maxLength() + " characters", 1);
        }
        Cel cel = environment(new TreeSet<>(variables), expected);
        CelValidationResult result;
        try {
            result = cel.compile(source);
        } catch (RuntimeException e) {
            throw new ExpressionException("the expression cannot be compiled: " + e.getMessage(), 1);
        }
        if (result.hasError()) {
            CelIssue issue = result.getErrors().get(0);
            int column = issue.getSourceLocation().getColumn() + 1;
            throw new ExpressionException(describe(issue.getMessage(), variables), Math.max(1, column));
        }
        try {
            return new Expression(source, variables, cel.createProgram(result.getAst()), limits);
        } catch (CelEvaluationException | dev.cel.common.CelValidationException e) {
            throw new ExpressionException("the expression cannot be compiled: " + e.getMessage(), 1);
        }
    }

    private static String describe(String message, Set<String> variables) {
        String text = message == null ? "invalid expression" : message.replace(" (in container '')", "");
        if (text.startsWith("undeclared reference")) {
            text += "; available here: " + String.join(", ", new TreeSet<>(variables));
        }
        return text;
    }

    private Cel environment(TreeSet<String> variables, ResultType expected) {
        String key = expected + ":" + String.join(",", variables);
        return environments.computeIfAbsent(key, k -> {
            var builder = CelFactory.standardCelBuilder()
                    .setOptions(options)
                    .setStandardMacros(CelStandardMacro.STANDARD_MACROS);
            for (String name : variables) {
                builder.addVar(name, SimpleType.DYN);
            }
            CelType type = switch (expected) {
                case BOOL -> SimpleType.BOOL;
                case STRING -> SimpleType.STRING;
                case LIST -> ListType.create(SimpleType.DYN);
                case ANY -> null;
            };
            if (type != null) {
                builder.setResultType(type);
            }
            return builder.build();
        });
    }
}
