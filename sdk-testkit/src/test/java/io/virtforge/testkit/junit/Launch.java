package io.virtforge.testkit.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs a test class (usually a nested "sample" one surefire does not pick up) and records what happened to each test. */
final class Launch {
    /** Per test display name: "passed", "skipped: reason" or "failed: message". */
    final Map<String, String> outcomes = new ConcurrentHashMap<>();
    final List<String> order = new ArrayList<>();

    static Launch run(Class<?> testClass) {
        Launch l = new Launch();
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass))
                .configurationParameter(OnlyThroughLaunch.PARAMETER, "true").build();
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, new TestExecutionListener() {
            @Override
            public void executionSkipped(TestIdentifier id, String reason) {
                l.outcomes.put(id.getDisplayName(), "skipped: " + reason);
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    return;
                }
                synchronized (l.order) {
                    l.order.add(id.getDisplayName());
                }
                l.outcomes.put(id.getDisplayName(), switch (result.getStatus()) {
                    case SUCCESSFUL -> "passed";
                    case ABORTED -> "aborted: " + result.getThrowable().map(Throwable::getMessage).orElse("");
                    case FAILED -> "failed: " + result.getThrowable().map(Throwable::toString).orElse("");
                });
            }
        });
        return l;
    }
}
