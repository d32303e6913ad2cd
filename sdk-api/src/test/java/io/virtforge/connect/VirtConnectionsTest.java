package io.virtforge.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** VirtConnections: which provider opens a URI, and the warning when two claim it. */
class VirtConnectionsTest {
    /** Records which provider opened what; opens nothing real. */
    private static final List<String> OPENED = new ArrayList<>();

    private abstract static class Recording implements ConnectionProvider {
        private final String scheme;
        private final int priority;

        Recording(String scheme, int priority) {
            this.scheme = scheme;
            this.priority = priority;
        }

        @Override
        public boolean accepts(String uri) {
            return uri.startsWith(scheme);
        }

        @Override
        public VirtConnection open(String uri) {
            OPENED.add(getClass().getSimpleName() + " " + uri);
            return null;
        }

        @Override
        public int priority() {
            return priority;
        }
    }

    /** Accepts every URI, default-like priority. */
    static final class Generic extends Recording {
        Generic() {
            super("", 0);
        }
    }

    /** Accepts qemu: URIs, with a higher priority. */
    static final class Special extends Recording {
        Special() {
            super("qemu:", 10);
        }
    }

    /** Accepts every URI, priority 0 too. */
    static final class OtherGeneric extends Recording {
        OtherGeneric() {
            super("", 0);
        }
    }

    /** Keeps the interface's default priority. */
    static final class Defaulted implements ConnectionProvider {
        @Override
        public boolean accepts(String uri) {
            return false;
        }

        @Override
        public VirtConnection open(String uri) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void theDefaultPriorityIsZero() {
        assertThat(new Defaulted().priority()).isZero();
    }

    @Test
    void theHighestPriorityOpensAUriTwoClaimInEitherOrder() {
        Generic generic = new Generic();
        Special special = new Special();
        assertThat(VirtConnections.choose("qemu:///system", List.of(generic, special))).isSameAs(special);
        assertThat(VirtConnections.choose("qemu:///system", List.of(special, generic))).isSameAs(special);
        assertThat(VirtConnections.choose("test:///default", List.of(special, generic))).isSameAs(generic);
    }

    @Test
    void openingAUriTwoClaimLogsAWarningNamingBoth() {
        OPENED.clear();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            VirtConnections.open("qemu:///system", List.of(new Generic(), new Special()));
        } finally {
            System.setErr(err);
        }
        assertThat(OPENED).containsExactly("Special qemu:///system");
        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log).contains("WARN").contains("qemu:///system")
                .contains(Special.class.getName() + " (priority 10)")
                .contains(Generic.class.getName() + " (priority 0)");
    }

    @Test
    void theWarningNamesTheChosenAndThePassedOver() {
        String w = VirtConnections.clash("qemu:///system", List.of(new Special(), new Generic()));
        assertThat(w).isEqualTo("'qemu:///system' is accepted by more than one connection provider: using "
                + Special.class.getName() + " (priority 10) over " + Generic.class.getName() + " (priority 0)");
    }

    @Test
    void onATieTheFirstFoundWinsAndTheWarningSaysSo() {
        Generic first = new Generic();
        OtherGeneric second = new OtherGeneric();
        assertThat(VirtConnections.choose("x:///", List.of(first, second))).isSameAs(first);
        assertThat(VirtConnections.choose("x:///", List.of(second, first))).isSameAs(second);
        assertThat(VirtConnections.clash("x:///", List.of(first, second))).contains("first found of equal priority");
    }

    @Test
    void aSingleClaimantOpensWithoutWarning() {
        OPENED.clear();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            VirtConnections.open("qemu:///system", List.of(new Special()));
        } finally {
            System.setErr(err);
        }
        assertThat(OPENED).containsExactly("Special qemu:///system");
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("WARN");
    }

    @Test
    void noClaimantIsNotSupported() {
        assertThatThrownBy(() -> VirtConnections.open("qemu:///system", List.of(new Defaulted())))
                .isInstanceOf(NotSupportedException.class).hasMessageContaining("qemu:///system");
        assertThat(VirtConnections.providers()).isEmpty();
    }
}
