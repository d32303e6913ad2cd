package io.virtforge.libvirt.jna;

import java.util.Arrays;

/**
 * The answer of {@code virNodeGetFreePages}: free huge/normal pages per NUMA cell and page size.
 * Immutable; arrays are copied in and out.
 *
 * <p>Cells are addressed by their host NUMA cell id ({@link #startCell()} to
 * {@code startCell() + cellCount() - 1}); sizes by their value in KiB, as asked for.
 */
public final class FreePages {
    private final int[] pageSizesKiB;
    private final int startCell;
    private final long[] counts; // row-major: counts[cellIndex * pageSizes + sizeIndex], as libvirt fills it

    FreePages(int[] pageSizesKiB, int startCell, long[] counts) {
        if (pageSizesKiB.length == 0 || counts.length % pageSizesKiB.length != 0) {
            throw new IllegalArgumentException(counts.length + " counts do not fill whole cells of "
                    + pageSizesKiB.length + " page sizes");
        }
        this.pageSizesKiB = pageSizesKiB.clone();
        this.startCell = startCell;
        this.counts = counts.clone();
    }

    /** The page sizes asked for, in KiB, in the order asked. */
    public int[] pageSizesKiB() {
        return pageSizesKiB.clone();
    }

    /** The first NUMA cell reported. */
    public int startCell() {
        return startCell;
    }

    /** How many consecutive cells are reported. */
    public int cellCount() {
        return counts.length / pageSizesKiB.length;
    }

    /**
     * Free pages of one size on one cell.
     *
     * @param cell the host NUMA cell id
     * @param pageSizeKiB one of {@link #pageSizesKiB()}
     * @throws IllegalArgumentException if the cell or size was not part of the query
     */
    public long count(int cell, int pageSizeKiB) {
        int row = cell - startCell;
        if (row < 0 || row >= cellCount()) {
            throw new IllegalArgumentException("cell " + cell + " not in " + startCell + ".."
                    + (startCell + cellCount() - 1));
        }
        for (int i = 0; i < pageSizesKiB.length; i++) {
            if (pageSizesKiB[i] == pageSizeKiB) {
                return counts[row * pageSizesKiB.length + i];
            }
        }
        throw new IllegalArgumentException("page size " + pageSizeKiB + " KiB was not queried");
    }

    /** The free page counts of one cell, in the order of {@link #pageSizesKiB()}. */
    public long[] countsForCell(int cell) {
        long[] row = new long[pageSizesKiB.length];
        for (int i = 0; i < row.length; i++) {
            row[i] = count(cell, pageSizesKiB[i]);
        }
        return row;
    }

    /** All counts as libvirt returns them: cell-major, {@code [cellIndex * sizes + sizeIndex]}. */
    public long[] toArray() {
        return counts.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FreePages && startCell == ((FreePages) o).startCell
                && Arrays.equals(pageSizesKiB, ((FreePages) o).pageSizesKiB)
                && Arrays.equals(counts, ((FreePages) o).counts);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * startCell + Arrays.hashCode(pageSizesKiB)) + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("FreePages{");
        for (int c = 0; c < cellCount(); c++) {
            b.append(c == 0 ? "" : ", ").append("cell ").append(startCell + c).append(": ");
            for (int s = 0; s < pageSizesKiB.length; s++) {
                b.append(s == 0 ? "" : " ").append(pageSizesKiB[s]).append("KiB=")
                        .append(counts[c * pageSizesKiB.length + s]);
            }
        }
        return b.append('}').toString();
    }
}
