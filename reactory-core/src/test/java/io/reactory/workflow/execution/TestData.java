package io.reactory.workflow.execution;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Mutable workflow data shared by the engine scenario tests. */
public class TestData {
    public List<String> trace = Collections.synchronizedList(new ArrayList<>());
    public String condition;
    public List<String> items = new ArrayList<>();
    public int counter;
    public int limit;
    public String orderId;
    public String result;

    public TestData() {}

    public static TestData withCondition(String condition) {
        TestData data = new TestData();
        data.condition = condition;
        return data;
    }

    public static TestData withItems(String... items) {
        TestData data = new TestData();
        data.items = new ArrayList<>(List.of(items));
        return data;
    }
}
