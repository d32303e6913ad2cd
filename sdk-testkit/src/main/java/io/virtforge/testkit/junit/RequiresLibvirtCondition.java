package io.virtforge.testkit.junit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The {@link ExecutionCondition} behind {@link RequiresLibvirt}: enabled when the {@link LibvirtProbe}
 * finds libvirt answering at the URI the innermost annotation (method, then classes) names;
 * {@link RequiresLibvirt#TEST_LIBVIRTD} is resolved to the private test daemon's URI first.
 */
public final class RequiresLibvirtCondition implements ExecutionCondition {
    /** Set to {@code true} to skip every {@link RequiresLibvirt} test without probing. */
    public static final String SKIP_PROPERTY = "virtforge.libvirt.skip";
    private static final Map<String, LibvirtProbe.Result> CACHE = new ConcurrentHashMap<>();
    private final LibvirtProbe probe;

    /** For JUnit: probes the real host. */
    public RequiresLibvirtCondition() {
        this(LibvirtProbe.system());
    }

    RequiresLibvirtCondition(LibvirtProbe probe) {
        this.probe = probe;
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Optional<RequiresLibvirt> annotation = annotation(context);
        if (annotation.isEmpty()) {
            return ConditionEvaluationResult.enabled("no @RequiresLibvirt");
        }
        if (Boolean.getBoolean(SKIP_PROPERTY)) {
            return ConditionEvaluationResult.disabled("libvirt tests skipped (-D" + SKIP_PROPERTY + "=true)");
        }
        String uri = annotation.get().uri();
        if (uri.equals(RequiresLibvirt.TEST_LIBVIRTD)) {
            Optional<String> testDaemon = TestLibvirtd.uri();
            if (testDaemon.isEmpty()) {
                return ConditionEvaluationResult.disabled(TestLibvirtd.MISSING_REASON);
            }
            uri = testDaemon.get();
        }
        Duration timeout = Duration.ofSeconds(annotation.get().timeoutSeconds());
        LibvirtProbe.Result r = probe == LibvirtProbe.system()
                ? CACHE.computeIfAbsent(uri, u -> probe.check(u, timeout))
                : probe.check(uri, timeout);
        return r.available() ? ConditionEvaluationResult.enabled(r.reason())
                : ConditionEvaluationResult.disabled(r.reason());
    }

    private static Optional<RequiresLibvirt> annotation(ExtensionContext context) {
        Optional<RequiresLibvirt> onMethod = AnnotationSupport.findAnnotation(context.getTestMethod(), RequiresLibvirt.class);
        if (onMethod.isPresent()) {
            return onMethod;
        }
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<RequiresLibvirt> found = AnnotationSupport.findAnnotation(c.get().getTestClass(), RequiresLibvirt.class);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
