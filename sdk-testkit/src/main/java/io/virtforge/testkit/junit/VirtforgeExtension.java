package io.virtforge.testkit.junit;

import io.virtforge.connect.VirtConnection;
import io.virtforge.fake.fixtures.Fixture;
import io.virtforge.fake.fixtures.Fixtures;
import io.virtforge.fake.kernel.FakeSysfs;
import io.virtforge.fake.libvirt.FakeClock;
import io.virtforge.fake.libvirt.FakeVirtConnection;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import java.lang.reflect.AnnotatedElement;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JUnit 5 extension behind {@link VirtforgeTest} and {@link FakeHost}: for each test it opens a fresh
 * fake connection to the fixture host (paired with a fresh {@link FakeSysfs} and {@link FakeClock}),
 * injects it and its parts into test, {@code @BeforeEach} and {@code @AfterEach} parameters, and closes it
 * after the test, so no state leaks from one test to the next. A {@link HostState} parameter is the state
 * when it is resolved.
 */
public final class VirtforgeExtension implements ParameterResolver, AfterEachCallback {
    private static final Logger LOG = LoggerFactory.getLogger(VirtforgeExtension.class);
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(VirtforgeExtension.class);
    private static final Set<Class<?>> TYPES = Set.of(VirtConnection.class, FakeVirtConnection.class,
            HostTopology.class, HostState.class, FakeSysfs.class, FakeClock.class, Fixture.class);

    /** For JUnit. */
    public VirtforgeExtension() {
    }

    /** The fake host of a test: its fixture, connection, kernel and clock. */
    private record Environment(Fixture fixture, FakeVirtConnection connection, FakeSysfs sysfs, FakeClock clock) {
        static Environment of(Fixture fixture, List<String> images) {
            FakeClock clock = new FakeClock();
            FakeSysfs sysfs = fixture.newSysfs();
            FakeVirtConnection connection = FakeVirtConnection.builder(fixture.topology()).uri(fixture.uri())
                    .sysfs(sysfs).clock(clock).build();
            for (String image : images) {
                if (image.endsWith("/")) {
                    connection.storage().addFolder(image);
                } else {
                    connection.storage().add(image);
                }
            }
            return new Environment(fixture, connection, sysfs, clock);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return TYPES.contains(parameter.getParameter().getType());
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        if (context.getTestMethod().isEmpty()) {
            throw new ParameterResolutionException("Virtforge's fakes are per test: take " + parameter.getParameter()
                    .getType().getSimpleName() + " in a @Test, @BeforeEach or @AfterEach method, not in "
                    + parameter.getDeclaringExecutable());
        }
        Environment env = environment(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == VirtConnection.class || type == FakeVirtConnection.class) {
            return env.connection();
        }
        if (type == HostTopology.class) {
            return env.fixture().topology();
        }
        if (type == HostState.class) {
            return env.connection().hostState();
        }
        if (type == FakeSysfs.class) {
            return env.sysfs();
        }
        if (type == FakeClock.class) {
            return env.clock();
        }
        return env.fixture();
    }

    private static Environment environment(ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent(Environment.class, k -> {
            Fixture fixture = fixture(context);
            LOG.debug("{}: fake host {}", context.getDisplayName(), fixture.name());
            return Environment.of(fixture, annotation(context).map(h -> List.of(h.images())).orElse(List.of()));
        }, Environment.class);
    }

    /** The fixture the innermost {@link FakeHost} names: method, class, enclosing classes; else xeon-2s. */
    static Fixture fixture(ExtensionContext context) {
        String name = annotation(context).map(FakeHost::value).orElse(Fixtures.XEON_2S);
        try {
            return Fixtures.get(name);
        } catch (IllegalArgumentException e) {
            throw new ParameterResolutionException("@FakeHost(\"" + name + "\") on " + context.getDisplayName()
                    + ": " + e.getMessage());
        }
    }

    private static Optional<FakeHost> annotation(ExtensionContext context) {
        return find(context.getTestMethod()).or(() -> fromClasses(context));
    }

    private static Optional<FakeHost> fromClasses(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            Optional<FakeHost> found = find(c.get().getTestClass());
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<FakeHost> find(Optional<? extends AnnotatedElement> element) {
        return AnnotationSupport.findAnnotation(element, FakeHost.class);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Environment env = context.getStore(NAMESPACE).remove(Environment.class, Environment.class);
        if (env != null) {
            env.connection().close();
        }
    }
}
