package io.virtforge.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.virtforge.check.DomainValidationException;
import io.virtforge.model.Domain;
import io.virtforge.model.GuestNumaCell;
import io.virtforge.value.CpuSet;
import io.virtforge.value.DataSize;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryResizeTest {
    private static Domain oneCell() {
        return DomainBuilder.named("vm").vcpus(4).memory(DataSize.gib(16)).numaCells(1).build();
    }

    private static List<DataSize> cellSizes(Domain d) {
        return d.cpu().orElseThrow().numaCells().stream().map(GuestNumaCell::memory).toList();
    }

    @Test
    void theModelsBuilderAloneLeavesTheCellBehindAndTheStructuralCheckCatchesIt() {
        Domain edited = oneCell().toBuilder().memory(DataSize.gib(8)).build();
        assertThat(cellSizes(edited)).containsExactly(DataSize.gib(16));
        assertThatThrownBy(() -> DomainBuilder.from(edited).build()).isInstanceOf(DomainValidationException.class)
                .satisfies(e -> assertThat(((DomainValidationException) e).report().has("CELL_MEMORY")).isTrue());
        assertThatThrownBy(() -> DomainBuilder.from(oneCell()).memory(DataSize.gib(8)).build())
                .isInstanceOf(DomainValidationException.class).hasMessageContaining("CELL_MEMORY");
    }

    @Test
    void oneCellIsCarriedWithMemoryAndCurrentMemory() {
        Domain resized = MemoryResize.to(oneCell(), DataSize.gib(8));
        assertThat(resized.memory()).contains(DataSize.gib(8));
        assertThat(resized.currentMemory()).contains(DataSize.gib(8));
        assertThat(cellSizes(resized)).containsExactly(DataSize.gib(8));
        assertThat(resized.cpu().orElseThrow().numaCells().get(0).cpus()).contains(CpuSet.range(0, 3));
        assertThat(DomainBuilder.from(resized).build().memory()).contains(DataSize.gib(8)); // passes the checks
    }

    @Test
    void currentMemoryFollowsWhenItWasAllTheMemoryOrAboveTheNewSizeAndABalloonTargetBelowStays() {
        Domain ballooned = oneCell().toBuilder().currentMemory(DataSize.gib(4)).build();
        assertThat(MemoryResize.to(ballooned, DataSize.gib(8)).currentMemory()).contains(DataSize.gib(4));
        assertThat(MemoryResize.to(ballooned, DataSize.gib(2)).currentMemory()).contains(DataSize.gib(2));
        assertThat(MemoryResize.to(oneCell(), DataSize.gib(32)).currentMemory()).contains(DataSize.gib(32));
        Domain noCells = DomainBuilder.named("flat").memory(DataSize.gib(4)).build();
        assertThat(MemoryResize.to(noCells, DataSize.gib(6)).memory()).contains(DataSize.gib(6));
    }

    @Test
    void severalCellsAreRefusedUnlessEachCellsSizeIsGiven() {
        Domain two = DomainBuilder.named("two").vcpus(4).memory(DataSize.gib(16)).numaCells(2).build();
        assertThatThrownBy(() -> MemoryResize.to(two, DataSize.gib(8))).isInstanceOf(MemoryResizeException.class)
                .hasMessage("cannot resize the memory of 'two': two has 2 guest NUMA cells: give each cell's size "
                        + "(MemoryResize.to(domain, List.of(...)))");
        assertThatThrownBy(() -> MemoryResize.to(two, List.of(DataSize.gib(8))))
                .isInstanceOf(MemoryResizeException.class).hasMessageContaining("1 cell size(s) for 2 guest NUMA cell(s)");
        Domain resized = MemoryResize.to(two, List.of(DataSize.gib(6), DataSize.gib(2)));
        assertThat(resized.memory()).contains(DataSize.gib(8));
        assertThat(cellSizes(resized)).containsExactly(DataSize.gib(6), DataSize.gib(2));
        DomainBuilder.from(resized).build();
    }
}
