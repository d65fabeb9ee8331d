package io.lisastream.model.inference;

/**
 * Selects the k best-scoring items in O(N log k) with a bounded min-heap. Order: descending score,
 * ties by ascending item index. Items whose score is NaN or -infinity (how exclusions are marked)
 * are never selected.
 */
public final class TopK {
    private TopK() {
    }

    public static ScoredItems select(float[] scores, int k) {
        Collector top = new Collector(k, scores.length);
        float threshold = top.threshold();
        for (int n = 0; n < scores.length; n++) {
            float s = scores[n];
            if (s > threshold) {
                threshold = top.offer(n, s);
            }
        }
        return top.result();
    }

    /**
     * The running top k of items offered in ascending index order. Because a later item never wins a
     * tie against an earlier one, an item enters exactly when its score is strictly above
     * {@link #threshold()} (-infinity until k items are held, which also keeps NaN and -infinity out),
     * so a scoring loop can test one float per item and call {@link #offer} rarely.
     */
    public static final class Collector {
        private final int[] heap;
        private final float[] heapScores;
        private int size;

        /** @param bound an upper bound on the number of items that will be offered */
        public Collector(int k, int bound) {
            if (k < 0) {
                throw new IllegalArgumentException("k must be >= 0, got " + k);
            }
            int capacity = Math.min(k, bound);
            this.heap = new int[capacity];
            this.heapScores = new float[capacity];
        }

        /** Offer only scores strictly above this. */
        public float threshold() {
            if (size < heap.length) {
                return Float.NEGATIVE_INFINITY;
            }
            return heap.length == 0 ? Float.POSITIVE_INFINITY : heapScores[0];
        }

        /** Adds item n (offered in ascending order, score above the threshold); returns the new threshold. */
        public float offer(int n, float score) {
            if (size < heap.length) {
                heap[size] = n;
                heapScores[size] = score;
                siftUp(size++);
            } else {
                heap[0] = n;
                heapScores[0] = score;
                siftDown(size);
            }
            return threshold();
        }

        /** The selection, best first; the collector is empty afterwards. */
        public ScoredItems result() {
            int[] items = new int[size];
            float[] out = new float[size];
            for (int i = size - 1; i >= 0; i--) {
                items[i] = heap[0];
                out[i] = heapScores[0];
                heap[0] = heap[i];
                heapScores[0] = heapScores[i];
                siftDown(i);
            }
            size = 0;
            return new ScoredItems(items, out);
        }

        /** True when heap entry a ranks before heap entry b. */
        private boolean better(int a, int b) {
            return heapScores[a] > heapScores[b] || (heapScores[a] == heapScores[b] && heap[a] < heap[b]);
        }

        private void siftUp(int i) {
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!better(parent, i)) {
                    break;
                }
                swap(i, parent);
                i = parent;
            }
        }

        private void siftDown(int size) {
            int i = 0;
            while (true) {
                int l = 2 * i + 1;
                if (l >= size) {
                    return;
                }
                int worst = l;
                int r = l + 1;
                if (r < size && better(l, r)) {
                    worst = r;
                }
                if (!better(i, worst)) {
                    return;
                }
                swap(i, worst);
                i = worst;
            }
        }

        private void swap(int i, int j) {
            int t = heap[i];
            heap[i] = heap[j];
            heap[j] = t;
            float s = heapScores[i];
            heapScores[i] = heapScores[j];
            heapScores[j] = s;
        }
    }
}
