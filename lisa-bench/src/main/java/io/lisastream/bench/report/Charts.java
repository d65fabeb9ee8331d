package io.lisastream.bench.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.DefaultDrawingSupplier;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** PNG line charts: one or more panels sharing an x axis, each panel a set of named series. */
public final class Charts {
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0xff7f0e), new Color(0x9467bd), new Color(0x8c564b)};

    private static final java.awt.Shape[] SHAPES = DefaultDrawingSupplier.createStandardSeriesShapes();

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    /** One panel: a y-axis label, log or linear, and its series (name to points). */
    public record Panel(String yLabel, boolean logY, Map<String, List<double[]>> series) {
        public static Panel of(String yLabel, boolean logY) {
            return new Panel(yLabel, logY, new LinkedHashMap<>());
        }

        public Panel add(String name, double x, double y) {
            series.computeIfAbsent(name, k -> new java.util.ArrayList<>()).add(new double[] {x, y});
            return this;
        }
    }

    public static void write(Path out, String title, String subtitle, String xLabel, boolean logX, List<Panel> panels,
            int width, int height) throws IOException {
        ValueAxis xAxis = axis(xLabel, logX);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(xAxis);
        plot.setGap(12);
        XYPlot first = null;
        // one color and shape per series name across panels (a panel may lack some series)
        Map<String, Integer> style = new LinkedHashMap<>();
        for (Panel p : panels) {
            for (String name : p.series().keySet()) {
                style.putIfAbsent(name, style.size());
            }
        }
        for (Panel p : panels) {
            XYSeriesCollection data = new XYSeriesCollection();
            for (Map.Entry<String, List<double[]>> s : p.series().entrySet()) {
                XYSeries series = new XYSeries(s.getKey(), false, true);
                for (double[] pt : s.getValue()) {
                    if (!p.logY() || pt[1] > 0) {
                        series.add(pt[0], pt[1]);
                    }
                }
                data.addSeries(series);
            }
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
            for (int i = 0; i < data.getSeriesCount(); i++) {
                int k = style.get((String) data.getSeriesKey(i));
                renderer.setSeriesPaint(i, COLORS[k % COLORS.length]);
                renderer.setSeriesStroke(i, new BasicStroke(2f));
                renderer.setSeriesShape(i, SHAPES[k % SHAPES.length]);
            }
            XYPlot sub = new XYPlot(data, null, axis(p.yLabel(), p.logY()), renderer);
            sub.setBackgroundPaint(Color.WHITE);
            sub.setDomainGridlinePaint(Color.LIGHT_GRAY);
            sub.setRangeGridlinePaint(Color.LIGHT_GRAY);
            plot.add(sub, 1);
            if (first == null) {
                first = sub;
            }
        }
        if (first != null) {
            // one legend entry per series name, not one per panel
            org.jfree.chart.LegendItemCollection legend = new org.jfree.chart.LegendItemCollection();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (Object sub : plot.getSubplots()) {
                org.jfree.chart.LegendItemCollection items = ((XYPlot) sub).getLegendItems();
                for (int i = 0; i < items.getItemCount(); i++) {
                    if (seen.add(items.get(i).getLabel())) {
                        legend.add(items.get(i));
                    }
                }
            }
            plot.setFixedLegendItems(legend);
        }
        JFreeChart chart = new JFreeChart(title, new Font("SansSerif", Font.BOLD, 16), plot, true);
        if (subtitle != null) {
            chart.addSubtitle(new TextTitle(subtitle, new Font("SansSerif", Font.PLAIN, 11)));
        }
        chart.setBackgroundPaint(Color.WHITE);
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        ChartUtils.saveChartAsPNG(out.toFile(), chart, width, height);
    }

    private static ValueAxis axis(String label, boolean log) {
        if (log) {
            LogarithmicAxis a = new LogarithmicAxis(label);
            a.setStrictValuesFlag(false);
            a.setExpTickLabelsFlag(false);
            a.setLog10TickLabelsFlag(false);
            return a;
        }
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(true);
        return a;
    }
}
