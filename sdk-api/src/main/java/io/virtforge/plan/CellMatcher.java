package io.virtforge.plan;

import java.util.Arrays;

/**
 * Assigns guest cells to distinct host nodes (bipartite matching, Kuhn's augmenting paths) such that
 * some required nodes are used. Nodes are tried in the given order, so the result is deterministic
 * and follows the strategy's preference.
 *
 * <p>Why it is exact: augmenting paths never unmatch a matched vertex, so first saturating the
 * required nodes and then augmenting from every cell yields a maximum matching that still uses them
 * all; a matching that places every cell and uses every required node exists if and only if this
 * finds one (Mendelsohn-Dulmage).
 */
final class CellMatcher {
    /** Whether cell c may go on node j (j is an index into the candidate nodes). */
    interface Edges {
        boolean allowed(int cell, int node);
    }

    private final int cells;
    private final int nodes;
    private final Edges edges;
    private final int[] cellToNode;
    private final int[] nodeToCell;
    private final boolean[] seen;

    CellMatcher(int cells, int nodes, Edges edges) {
        this.cells = cells;
        this.nodes = nodes;
        this.edges = edges;
        cellToNode = new int[cells];
        nodeToCell = new int[nodes];
        seen = new boolean[Math.max(cells, nodes)];
    }

    /** Places every cell using every required node; returns node index per cell, or null. */
    int[] match(int[] requiredNodes) {
        Arrays.fill(cellToNode, -1);
        Arrays.fill(nodeToCell, -1);
        for (int j : requiredNodes) {
            if (nodeToCell[j] >= 0) {
                continue;
            }
            Arrays.fill(seen, false);
            if (!augmentFromNode(j)) {
                return null;
            }
        }
        for (int c = 0; c < cells; c++) {
            if (cellToNode[c] >= 0) {
                continue;
            }
            Arrays.fill(seen, false);
            if (!augmentFromCell(c)) {
                return null;
            }
        }
        return cellToNode.clone();
    }

    /** Finds a cell for node j, moving matched cells' nodes along an alternating path. seen marks cells. */
    private boolean augmentFromNode(int j) {
        for (int c = 0; c < cells; c++) {
            if (seen[c] || !edges.allowed(c, j)) {
                continue;
            }
            seen[c] = true;
            int other = cellToNode[c];
            if (other < 0 || augmentFromNode(other)) { // the other node takes another cell
                cellToNode[c] = j;
                nodeToCell[j] = c;
                return true;
            }
        }
        return false;
    }

    /** Finds a node for cell c. seen marks nodes. */
    private boolean augmentFromCell(int c) {
        for (int j = 0; j < nodes; j++) {
            if (seen[j] || !edges.allowed(c, j)) {
                continue;
            }
            seen[j] = true;
            int other = nodeToCell[j];
            if (other < 0 || augmentFromCell(other)) {
                nodeToCell[j] = c;
                cellToNode[c] = j;
                return true;
            }
        }
        return false;
    }
}
