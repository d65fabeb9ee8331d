package io.lisastream.trainer;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The PNG of a run's curves: training loss (left axis), validation HR@10 and NDCG@10 (right axis). */
final class TrainingChart {
    static final String FILE = "training.png";

    private TrainingChart() {
    }

    static Path write(List<EpochRecord> history, String title, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeries loss = new XYSeries("training loss");
        XYSeries hr = new XYSeries("validation HR@10 (sampled)");
        XYSeries ndcg = new XYSeries("validation NDCG@10 (sampled)");
        for (EpochRecord r : history) {
            loss.add(r.epoch(), r.loss());
            if (r.validated()) {
                hr.add(r.epoch(), r.hr10());
                ndcg.add(r.epoch(), r.ndcg10());
            }
        }
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(new NumberAxis("epoch"));
        NumberAxis lossAxis = new NumberAxis("loss");
        lossAxis.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(0, lossAxis);
        plot.setDataset(0, new XYSeriesCollection(loss));
        XYLineAndShapeRenderer r0 = new XYLineAndShapeRenderer(true, false);
        r0.setSeriesPaint(0, new Color(0x33, 0x66, 0xcc));
        r0.setSeriesStroke(0, new BasicStroke(2f));
        plot.setRenderer(0, r0);
        NumberAxis metricAxis = new NumberAxis("validation metric");
        metricAxis.setRange(0.0, 1.0);
        plot.setRangeAxis(1, metricAxis);
        XYSeriesCollection metrics = new XYSeriesCollection();
        metrics.addSeries(hr);
        metrics.addSeries(ndcg);
        plot.setDataset(1, metrics);
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer r1 = new XYLineAndShapeRenderer(true, true);
        r1.setSeriesPaint(0, new Color(0xcc, 0x33, 0x33));
        r1.setSeriesPaint(1, new Color(0x22, 0x99, 0x44));
        plot.setRenderer(1, r1);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        Files.createDirectories(dir);
        Path tmp = dir.resolve(FILE + ".tmp");
        ChartUtils.saveChartAsPNG(tmp.toFile(), chart, 900, 500);
        Path out = dir.resolve(FILE);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return out;
    }
}
