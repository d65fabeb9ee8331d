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
        if (k < 0) {
            throw new IllegalArgumentException("k must be >= 0, got " + k);
        }
        int[] heap = new int[Math.min(k, scores.length)];
        int size = 0;
        for (int n = 0; n < scores.length; n++) {
            float s = scores[n];
            if (!(s > Float.NEGATIVE_INFINITY)) {
                continue;
            }
            if (size < heap.length) {
                heap[size] = n;
                siftUp(heap, size++, scores);
            } else if (size > 0 && better(n, heap[0], scores)) {
                heap[0] = n;
                siftDown(heap, size, scores);
            }
        }
        int[] items = new int[size];
        float[] out = new float[size];
        for (int i = size - 1; i >= 0; i--) {
            items[i] = heap[0];
            out[i] = scores[heap[0]];
            heap[0] = heap[i];
            siftDown(heap, i, scores);
        }
        return new ScoredItems(items, out);
    }

    /** True when item a ranks before item b. */
    private static boolean better(int a, int b, float[] scores) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && a < b);
    }

    private static void siftUp(int[] heap, int i, float[] scores) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!better(heap[parent], heap[i], scores)) {
                break;
            }
            swap(heap, i, parent);
            i = parent;
        }
    }

    private static void siftDown(int[] heap, int size, float[] scores) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int worst = l;
            int r = l + 1;
            if (r < size && better(heap[l], heap[r], scores)) {
                worst = r;
            }
            if (!better(heap[i], heap[worst], scores)) {
                return;
            }
            swap(heap, i, worst);
            i = worst;
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
