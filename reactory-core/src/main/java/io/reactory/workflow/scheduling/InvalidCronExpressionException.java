package io.reactory.workflow.scheduling;

/**
 * A cron expression cannot be parsed. Says where: the field (number, 1-based, and name) and the column (1-based
 * character position in the expression) where that field starts.
 *
 * <pre>
 * invalid cron expression '0 25 * * *': field 2 (hour) '25' at column 3: value 25 is out of range [0, 23]
 * </pre>
 */
public class InvalidCronExpressionException extends InvalidScheduleException {
    private final String expression;
    private final int fieldNumber;
    private final String fieldName;
    private final int column;
    private final String detail;

    /**
     * @param detail what is wrong, e.g. {@code value 25 is out of range [0, 23]}
     */
    public InvalidCronExpressionException(String scheduleId, String expression, int fieldNumber, String fieldName,
                                          int column, String detail) {
        super(scheduleId, "schedule.cron", describe(expression, fieldNumber, fieldName, column, detail));
        this.expression = expression;
        this.fieldNumber = fieldNumber;
        this.fieldName = fieldName;
        this.column = column;
        this.detail = detail;
    }

    private static String describe(String expression, int fieldNumber, String fieldName, int column, String problem) {
        String where = fieldNumber > 0
                ? ": field " + fieldNumber + " (" + fieldName + ") at column " + column
                : "";
        return "invalid cron expression '" + expression + "'" + where + ": " + problem;
    }

    /** The same error attributed to a schedule. */
    public InvalidCronExpressionException forSchedule(String id) {
        InvalidCronExpressionException e = new InvalidCronExpressionException(id, expression, fieldNumber, fieldName,
                column, detail);
        e.initCause(this);
        return e;
    }

    /** The expression as given. */
    public String expression() {
        return expression;
    }

    /** The offending field, 1-based; 0 when the error is not about one field (wrong number of fields, bad macro). */
    public int fieldNumber() {
        return fieldNumber;
    }

    /** {@code second}, {@code minute}, {@code hour}, {@code day-of-month}, {@code month}, {@code day-of-week}; or null. */
    public String fieldName() {
        return fieldName;
    }

    /** The 1-based column where the offending field starts; 0 when the error is not about one field. */
    public int column() {
        return column;
    }

    /** What is wrong, without the expression and position, e.g. {@code value 25 is out of range [0, 23]}. */
    public String detail() {
        return detail;
    }
}
