package io.reactory.workflow.api;

/**
 * The input data of a start does not fit the workflow's data type. Says which type and where (the field path, such
 * as {@code items[2].amount}), never what the value was: input data is workflow data, and this message reaches API
 * answers, dead-letter headers, schedule records and logs. An {@link IllegalArgumentException}, as
 * {@link WorkflowRunner#startWorkflow} documents for bad input.
 */
public class InvalidInputDataException extends IllegalArgumentException {
    private final String dataType;
    private final String path;

    /**
     * @param dataType the simple name of the workflow's data type
     * @param path     where in the data the conversion failed, or empty when it failed at the top
     */
    public InvalidInputDataException(String dataType, String path) {
        super("input data cannot be converted to " + dataType + (path.isEmpty() ? "" : " at '" + path + "'"));
        this.dataType = dataType;
        this.path = path;
    }

    public String dataType() {
        return dataType;
    }

    /** The field path ({@code order.items[2].amount}), empty when the data as a whole does not fit. */
    public String path() {
        return path;
    }
}
