package org.credanalytics.metrics;

import com.codahale.metrics.MetricFilter;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;

/**
 * The one Prometheus registry of the service, served on the admin port at {@code /prometheus}.
 * It holds the service's Micrometer meters, Micrometer's JVM and process binders, and Dropwizard's
 * own {@code MetricRegistry} (Jetty, Jersey, the {@code postgresql} pool) bridged in at scrape
 * time. Dropwizard's {@code jvm.*} gauges are left out of the bridge: the binders report the same
 * facts under Micrometer's standard names, and one name per fact keeps dashboards unambiguous.
 */
public final class PrometheusMetrics {
    private PrometheusMetrics() {
    }

    public static PrometheusMeterRegistry install(Environment environment) {
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(meters);
        new JvmThreadMetrics().bindTo(meters);
        new ClassLoaderMetrics().bindTo(meters);
        new ProcessorMetrics().bindTo(meters);
        new UptimeMetrics().bindTo(meters);
        new FileDescriptorMetrics().bindTo(meters);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(meters);
        // The GC binder listens for GC notifications until closed; close it with the service.
        environment.lifecycle().manage(new Managed() {
            @Override
            public void stop() {
                gc.close();
            }
        });

        MetricFilter notJvm = (name, metric) -> !name.startsWith("jvm.");
        DropwizardExports.builder()
                .dropwizardRegistry(environment.metrics())
                .metricFilter(notJvm)
                .register(meters.getPrometheusRegistry());

        environment.admin().addServlet("prometheus", new PrometheusServlet(meters)).addMapping("/prometheus");
        return meters;
    }
}
