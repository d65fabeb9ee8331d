package io.lisastream.model.inference;

import io.lisastream.model.LisaModel;

/**
 * Blocks 1..k-1 of a LISA model with window blocks ({@link io.lisastream.model.ModelConfig#hasWindowBlocks()}):
 * block k at position j attends over block k-1's outputs at j-W'+1..j ({@link WindowAttention}) and
 * applies its post-LN block. The newest top output depends on the first block's outputs at the last
 * {@link #span()} = (k-1)(W'-1)+1 positions, and level k is computed only where a later level reads it:
 * O(k W' (D^2 + W' D + D F)) per user vector, independent of the history length.
 */
final class WindowBlockStack {
    private final int window;
    private final WindowAttention[] attention;
    private final TransformerBlock[] blocks;

    WindowBlockStack(LisaModel model) {
        this.window = model.config().blockWindow();
        int later = model.config().blocks() - 1;
        this.attention = new WindowAttention[later];
        this.blocks = new TransformerBlock[later];
        for (int k = 1; k <= later; k++) {
            attention[k - 1] = new WindowAttention(model, k);
            blocks[k - 1] = new TransformerBlock(model, k);
        }
    }

    /** How many of the newest first-block outputs the user vector depends on. */
    int span() {
        return attention.length * (window - 1) + 1;
    }

    /**
     * z of the top block at the newest position, from the first block's outputs at the newest
     * min(t, span) positions, oldest first (fewer than {@link #span()} only for a history that short).
     */
    float[] apply(float[][] firstOutputs) {
        int n = firstOutputs.length;
        float[][] below = firstOutputs;
        float[] o = new float[below[n - 1].length];
        for (int k = 0; k < blocks.length; k++) {
            // positions level k+1 must produce: those the levels above read (all of them for the top: only n-1)
            int start = Math.max(0, n - 1 - (blocks.length - 1 - k) * (window - 1));
            float[][] level = new float[n][];
            for (int j = start; j < n; j++) {
                int from = Math.max(0, j - window + 1);
                attention[k].attend(below[j], below, from, j - from + 1, o);
                level[j] = blocks[k].apply(below[j], o);
            }
            below = level;
        }
        return below[n - 1];
    }
}
