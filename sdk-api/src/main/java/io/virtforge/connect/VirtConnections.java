package io.virtforge.connect;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Opens connections by URI through the {@link ConnectionProvider}s on the class path. */
public final class VirtConnections {
    private static final Logger LOG = LoggerFactory.getLogger(VirtConnections.class);
    /** Highest priority first; the sort is stable, so ties keep the order found. */
    private static final Comparator<ConnectionProvider> BY_PRIORITY =
            Comparator.comparingInt(ConnectionProvider::priority).reversed();

    private VirtConnections() {
    }

    /**
     * Opens a connection: {@code qemu:///system}, {@code test:///default}, {@code qemu+ssh://host/system}
     * (with sdk-libvirt), {@code fake:///xeon-2s} (with sdk-fake). When several providers accept the URI,
     * the one with the highest {@link ConnectionProvider#priority() priority} opens it and a warning names
     * the others.
     *
     * @throws NotSupportedException when no provider accepts the URI
     */
    public static VirtConnection open(String uri) {
        return open(uri, providers());
    }

    /** Opens the URI with the best of the given providers (the tests' way in). */
    static VirtConnection open(String uri, List<? extends ConnectionProvider> providers) {
        return choose(uri, providers).open(uri);
    }

    /**
     * The provider that opens the URI: the accepting one of highest priority (the first found on a tie),
     * with a warning naming every other one that accepts it too.
     */
    static ConnectionProvider choose(String uri, List<? extends ConnectionProvider> providers) {
        Objects.requireNonNull(providers, "providers");
        List<ConnectionProvider> accepting = new ArrayList<>();
        for (ConnectionProvider p : providers) {
            if (p.accepts(uri)) {
                accepting.add(p);
            }
        }
        if (accepting.isEmpty()) {
            throw new NotSupportedException("no provider on the class path opens '" + uri + "' (sdk-libvirt opens "
                    + "libvirt URIs, sdk-fake opens fake:///)", 0, 0, "");
        }
        accepting.sort(BY_PRIORITY);
        ConnectionProvider chosen = accepting.get(0);
        if (accepting.size() > 1) {
            LOG.warn(clash(uri, accepting));
        }
        return chosen;
    }

    /** The warning for a URI more than one provider accepts; {@code accepting} is sorted, the chosen first. */
    static String clash(String uri, List<? extends ConnectionProvider> accepting) {
        ConnectionProvider chosen = accepting.get(0);
        String others = accepting.subList(1, accepting.size()).stream().map(VirtConnections::describe)
                .collect(Collectors.joining(", "));
        boolean tie = accepting.get(1).priority() == chosen.priority();
        return "'" + uri + "' is accepted by more than one connection provider: using " + describe(chosen)
                + (tie ? " (the first found of equal priority)" : "") + " over " + others;
    }

    private static String describe(ConnectionProvider p) {
        return p.getClass().getName() + " (priority " + p.priority() + ")";
    }

    /** The providers found, highest {@link ConnectionProvider#priority() priority} first. */
    public static List<ConnectionProvider> providers() {
        List<ConnectionProvider> list = new ArrayList<>();
        ServiceLoader.load(ConnectionProvider.class).forEach(list::add);
        list.sort(BY_PRIORITY);
        return list;
    }
}
