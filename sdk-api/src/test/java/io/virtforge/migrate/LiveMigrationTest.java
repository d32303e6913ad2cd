package io.virtforge.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.connect.CpuComparison;
import io.virtforge.connect.InvalidStateException;
import io.virtforge.connect.MigrationOptions;
import io.virtforge.connect.MigrationResult;
import io.virtforge.connect.NotSupportedException;
import io.virtforge.connect.VirtConnection;
import io.virtforge.connect.VirtDomain;
import io.virtforge.fleet.ClaimConflictException;
import io.virtforge.fleet.ClaimStore;
import io.virtforge.fleet.Fleet;
import io.virtforge.fleet.FleetHost;
import io.virtforge.fleet.InMemoryClaimStore;
import io.virtforge.model.Domain;
import io.virtforge.model.DomainXml;
import io.virtforge.topology.HostState;
import io.virtforge.topology.HostTopology;
import io.virtforge.topology.SyntheticHost;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import io.virtforge.build.DomainBuilder;
import io.virtforge.model.NumaMode;
import io.virtforge.value.NodeSet;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * {@link LiveMigration}'s claim discipline and what it hands to the provider, over stand-ins of a source domain and
 * two connections (the real migration is sdk-libvirt's {@code LiveMigrationIT}): the destination XML sent is the
 * plan's, a successful migration confirms the claim, a failed one releases it, a refusal claims nothing.
 */
class LiveMigrationTest {
    private static final HostTopology SOURCE = SyntheticHost.of(2, 1, 4, 1, DataSize.gib(16), 1024)
            .hostUuid(UUID.randomUUID()).build();
    private static final HostTopology DESTINATION = SyntheticHost.of(2, 1, 4, 1, DataSize.gib(16), 1024)
            .hostUuid(UUID.randomUUID()).build();

    private final Domain vm = DomainBuilder.named("vm").memory(DataSize.gib(1)).vcpus(2)
            .numaCell(CpuSet.of(0), DataSize.mib(512)).numaCell(CpuSet.of(1), DataSize.mib(512))
            .pinVcpu(0, CpuSet.of(0)).pinVcpu(1, CpuSet.of(4)).pinEmulator(CpuSet.of(0, 4))
            .memoryOn(NumaMode.STRICT, NodeSet.of(0, 1)).cellMemoryOn(0, NumaMode.STRICT, NodeSet.of(0))
            .cellMemoryOn(1, NumaMode.STRICT, NodeSet.of(1)).assemble();
    private final List<MigrationOptions> sent = new ArrayList<>();

    @Test
    void aSuccessfulMigrationSendsThePlansXmlAndConfirmsTheClaim() {
        InMemoryClaimStore store = new InMemoryClaimStore(Fleet.empty());
        VirtConnection destination = connection("qemu+ssh://dest/system", DESTINATION);
        VirtDomain moved = domain(o -> null);
        MigrationOutcome outcome = LiveMigration.builder().claims(store, "dest").build()
                .migrate(domain(o -> new MigrationResult(moved, Optional.empty())), connection("src", SOURCE), destination);

        assertThat(sent).singleElement().satisfies(o -> {
            assertThat(o.destinationXml()).hasValue(outcome.plan().destination());
            assertThat(o.persistOnDestination()).isTrue();
            assertThat(o.undefineSource()).isTrue();
        });
        assertThat(outcome.claim()).isPresent();
        assertThat(store.pendingCount()).isZero();
        // confirmed: the destination's view holds the placement's CPUs
        HostState view = store.fleet().host("dest").orElseThrow().state();
        outcome.plan().placement().vcpuPins().values()
                .forEach(cpus -> assertThat(view.pinnedCpus().containsAll(cpus)).as("%s claimed", cpus).isTrue());
        assertThatThrownBy(() -> store.confirm(outcome.claim().get().id())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedMigrationReleasesTheClaim() {
        InMemoryClaimStore store = new InMemoryClaimStore(Fleet.empty());
        VirtDomain failing = domain(o -> {
            throw new InvalidStateException("migration out: canceled by client", 78, 10, "operation aborted");
        });
        assertThatThrownBy(() -> LiveMigration.builder().claims(store, "dest").build()
                .migrate(failing, connection("src", SOURCE), connection("dest", DESTINATION)))
                .isInstanceOf(InvalidStateException.class);
        assertThat(store.pendingCount()).isZero();
        assertThat(store.fleet().host("dest").orElseThrow().state().pinnedCpus().isEmpty()).isTrue();
    }

    @Test
    void aClaimLostToAConcurrentChangeIsPlannedAgain() {
        InMemoryClaimStore store = new InMemoryClaimStore(Fleet.empty());
        int[] claims = {0};
        ClaimStore racing = (ClaimStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ClaimStore.class}, (p, m, a) -> {
                    if (m.getName().equals("claim") && claims[0]++ == 0) {
                        // another scheduler took the first CPUs of the destination in between
                        store.putHost(FleetHost.of("dest", HostState.of(DESTINATION, List.of(DomainBuilder
                                .named("other").memory(DataSize.gib(1)).vcpus(2).pinVcpus(CpuSet.of(0, 4))
                                .assemble()))));
                        throw new ClaimConflictException("dest", (Long) a[1], OptionalLong.of(-1));
                    }
                    return m.invoke(store, a);
                });
        MigrationOutcome outcome = LiveMigration.builder().claims(racing, "dest").build()
                .migrate(domain(o -> new MigrationResult(domain(x -> null), Optional.empty())), connection("src", SOURCE),
                        connection("dest", DESTINATION));
        assertThat(claims[0]).isEqualTo(2);
        assertThat(outcome.plan().placement().vcpuPins().values()).noneMatch(c -> c.contains(0) || c.contains(4));

        claims[0] = 0;
        InMemoryClaimStore fresh = new InMemoryClaimStore(Fleet.empty());
        ClaimStore alwaysLosing = (ClaimStore) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ClaimStore.class}, (p, m, a) -> {
                    if (m.getName().equals("claim")) {
                        claims[0]++;
                        throw new ClaimConflictException("dest", (Long) a[1], OptionalLong.of(-1));
                    }
                    return m.invoke(fresh, a);
                });
        assertThatThrownBy(() -> LiveMigration.builder().claims(alwaysLosing, "dest").attempts(2).build()
                .migrate(domain(o -> null), connection("src", SOURCE), connection("dest", DESTINATION)))
                .isInstanceOf(ClaimConflictException.class);
        assertThat(claims[0]).isEqualTo(2);
        assertThat(sent).hasSize(1); // only the first migration was sent
    }

    @Test
    void aCpuTheDestinationsHypervisorCannotGiveIsRefused() {
        InMemoryClaimStore store = new InMemoryClaimStore(Fleet.empty());
        assertThatThrownBy(() -> LiveMigration.builder().claims(store, "dest").build().migrate(domain(o -> null),
                connection("src", SOURCE), connection("dest", DESTINATION, Optional.of(CpuComparison.INCOMPATIBLE))))
                .isInstanceOfSatisfying(MigrationRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(RefusalCode.CPU_MISMATCH));
        assertThat(sent).isEmpty();
        assertThat(store.pendingCount()).isZero();
        LiveMigration.builder().build().migrate(domain(o -> new MigrationResult(domain(x -> null), Optional.empty())),
                connection("src", SOURCE), connection("dest", DESTINATION, Optional.of(CpuComparison.SUPERSET)));
        assertThat(sent).hasSize(1);
    }

    @Test
    void aRefusalClaimsNothingAndMovesNothing() {
        InMemoryClaimStore store = new InMemoryClaimStore(Fleet.empty());
        assertThatThrownBy(() -> LiveMigration.builder().claims(store, "dest").build()
                .migrate(domain(o -> null), connection("src", SOURCE), connection("dest", SOURCE)))
                .isInstanceOfSatisfying(MigrationRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo(RefusalCode.SAME_HOST));
        assertThat(sent).isEmpty();
        assertThat(store.pendingCount()).isZero();
    }

    @Test
    void aDryRunPlansWithoutMigrating() {
        MigrationPlan plan = LiveMigration.builder().build().plan(domain(o -> null), connection("src", SOURCE),
                connection("dest", DESTINATION));
        assertThat(plan.placement().cells()).hasSize(2);
        assertThat(sent).isEmpty();
    }

    @Test
    void aProviderWithoutMigrationSaysSo() {
        VirtDomain plain = (VirtDomain) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {VirtDomain.class}, (p, m, a) -> {
                    if (m.isDefault()) {
                        return java.lang.reflect.InvocationHandler.invokeDefault(p, m, a);
                    }
                    return "plain";
                });
        assertThatThrownBy(plain::migratable).isInstanceOf(NotSupportedException.class).hasMessageContaining("plain");
        assertThatThrownBy(plain::abortJob).isInstanceOf(NotSupportedException.class);
    }

    private VirtDomain domain(Function<MigrationOptions, MigrationResult> migrate) {
        return (VirtDomain) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {VirtDomain.class},
                (p, m, a) -> switch (m.getName()) {
                    case "name" -> "vm";
                    case "migratable" -> DomainXml.defaults().parse(DomainXml.defaults().write(vm));
                    case "migrate" -> {
                        sent.add((MigrationOptions) a[1]);
                        yield migrate.apply((MigrationOptions) a[1]);
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }

    private static VirtConnection connection(String uri, HostTopology host) {
        return connection(uri, host, Optional.empty());
    }

    private static VirtConnection connection(String uri, HostTopology host, Optional<CpuComparison> cpu) {
        return (VirtConnection) Proxy.newProxyInstance(LiveMigrationTest.class.getClassLoader(),
                new Class<?>[] {VirtConnection.class}, (p, m, a) -> switch (m.getName()) {
                    case "uri" -> uri;
                    case "topology" -> host;
                    case "hostState" -> HostState.of(host);
                    case "compareGuestCpu" -> cpu;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
