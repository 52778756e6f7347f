/** The test kit for users: a controllable clock and an engine that runs only when the test says so. */
package io.reactory.workflow.testing;
