package io.virtforge.testkit.junit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Lets a "sample" test class (one a test runs through {@link Launch} to see what the extension makes of it, failures
 * included) run only there: a build that selects nested classes itself ({@code -Dtest='io.virtforge.**'}) skips it.
 */
final class OnlyThroughLaunch implements ExecutionCondition {
    /** The configuration parameter {@link Launch} sets. */
    static final String PARAMETER = "virtforge.launchedSample";

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return context.getConfigurationParameter(PARAMETER).isPresent()
                ? ConditionEvaluationResult.enabled("run through Launch")
                : ConditionEvaluationResult.disabled("a sample: runs only through Launch, inside the test that checks it");
    }
}
