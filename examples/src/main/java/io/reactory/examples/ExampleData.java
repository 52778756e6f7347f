package io.reactory.examples;

import java.util.ArrayList;
import java.util.List;

/** The data every example workflow carries: what it was asked to do and what its steps did. */
public class ExampleData {
    public String condition = "A";
    public List<String> items = new ArrayList<>(List.of("alpha", "beta", "gamma"));
    public List<String> log = new ArrayList<>();
    public String reportType;
    public int processed;

    /** Appends to the log; parallel branches share the data, so the log is guarded. */
    public void record(String entry) {
        synchronized (this) {
            log.add(entry);
        }
    }
}
