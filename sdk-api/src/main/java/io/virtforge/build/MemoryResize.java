package io.virtforge.build;

import io.virtforge.model.Cpu;
import io.virtforge.model.Domain;
import io.virtforge.model.GuestNumaCell;
import io.virtforge.value.DataSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Resizes an existing domain's memory consistently. {@code vm.toBuilder().memory(size)} edits only
 * {@code <memory>} (the model is XML in, XML out, and makes no decisions), which leaves guest NUMA cells and
 * {@code <currentMemory>} at the old size; libvirt then silently keeps the cells' sum. This class writes
 * every place the size lives:
 * <ul>
 * <li>{@code <memory>} becomes the new size;</li>
 * <li>{@code <currentMemory>} becomes the new size when it equalled the old memory (the guest had it all) or
 * exceeds the new size; a balloon target below the new size stays;</li>
 * <li>a single guest cell takes the new size; with several cells the split is the caller's decision, so
 * {@link #to(Domain, DataSize)} refuses with {@link MemoryResizeException} and
 * {@link #to(Domain, List)} takes one size per cell, in cell order, and sets {@code <memory>} to their sum.</li>
 * </ul>
 * Memory devices (DIMMs) keep their size: libvirt counts them into {@code <memory>}, so the cells get what the
 * DIMMs leave and {@link #to(Domain, List)} adds them to the cells' sum.
 *
 * <p>The result is built with the model's builder, unchecked; {@code DomainBuilder.from(result).build()}
 * runs the structural checks on it like on a new domain.
 */
public final class MemoryResize {
    private MemoryResize() {
    }

    /**
     * The domain with {@code size} of memory.
     *
     * @throws MemoryResizeException when the domain has several guest NUMA cells: give their sizes with
     *                               {@link #to(Domain, List)}
     */
    public static Domain to(Domain domain, DataSize size) {
        Objects.requireNonNull(size, "size");
        List<GuestNumaCell> cells = cells(domain);
        if (cells.size() > 1) {
            throw new MemoryResizeException(domain.name(), domain.name() + " has " + cells.size() + " guest NUMA "
                    + "cells: give each cell's size (MemoryResize.to(domain, List.of(...)))");
        }
        if (cells.isEmpty()) {
            return resize(domain, size, List.of());
        }
        long cell = size.bytes() - dimms(domain);
        if (cell <= 0) {
            throw new MemoryResizeException(domain.name(), size + " does not cover its memory devices ("
                    + DataSize.ofBytes(dimms(domain)) + ")");
        }
        return resize(domain, size, List.of(DataSize.ofBytes(cell)));
    }

    /**
     * The domain with one memory size per guest NUMA cell, in cell order; {@code <memory>} becomes their sum.
     *
     * @throws MemoryResizeException when the number of sizes is not the number of cells
     */
    public static Domain to(Domain domain, List<DataSize> cellSizes) {
        List<GuestNumaCell> cells = cells(domain);
        if (cells.isEmpty() || cellSizes.size() != cells.size()) {
            throw new MemoryResizeException(domain.name(), cellSizes.size() + " cell size(s) for "
                    + cells.size() + " guest NUMA cell(s)");
        }
        long sum = cellSizes.stream().mapToLong(DataSize::bytes).sum() + dimms(domain);
        return resize(domain, DataSize.ofBytes(sum), cellSizes);
    }

    private static List<GuestNumaCell> cells(Domain domain) {
        return domain.cpu().map(Cpu::numaCells).orElse(List.of());
    }

    private static long dimms(Domain domain) {
        return domain.devices().memoryDevices().stream().mapToLong(m -> m.targetSize().map(DataSize::bytes).orElse(0L))
                .sum();
    }

    private static Domain resize(Domain domain, DataSize size, List<DataSize> cellSizes) {
        Domain.Builder b = domain.toBuilder().memory(size);
        Optional<DataSize> old = domain.memory();
        // a guest that had all its memory keeps having it; a balloon target below the new size stays
        domain.currentMemory().filter(current -> old.filter(o -> o.bytes() == current.bytes()).isPresent()
                || current.bytes() > size.bytes()).ifPresent(current -> b.currentMemory(size));
        if (!cellSizes.isEmpty()) {
            List<GuestNumaCell> cells = cells(domain);
            List<GuestNumaCell> resized = new ArrayList<>();
            for (int i = 0; i < cells.size(); i++) {
                resized.add(cells.get(i).withMemory(cellSizes.get(i)));
            }
            b.cpu(domain.cpu().orElseThrow().toBuilder().numaCells(resized).build());
        }
        return b.build();
    }
}
