package org.credanalytics.api;

import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.glassfish.jersey.model.Parameter.Source;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Parameter;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;

/**
 * The routes of every resource registered in a Jersey application (classes, instances and
 * programmatic resources), from Jersey's own resource model: method, full path template and the
 * names of the query and path parameters each resource method takes.
 */
final class JaxRsRoutes {
    private JaxRsRoutes() {
    }

    record Route(String method, String path, Set<String> queryParameters, Set<String> pathParameters, String javaMethod,
                 Method definition) {
        String key() {
            return method + " " + path;
        }
    }

    static List<Route> of(ResourceConfig config) {
        List<Resource> resources = new ArrayList<>(config.getResources());
        Stream.concat(config.getClasses().stream(), config.getInstances().stream().map(Object::getClass))
                .distinct()
                .filter(type -> type.isAnnotationPresent(Path.class))
                .map(Resource::from)
                .forEach(resources::add);
        List<Route> routes = new ArrayList<>();
        resources.forEach(resource -> walk(resource, "", routes));
        return routes;
    }

    /** The classes and instances registered in {@code config}, by class. */
    static Set<Class<?>> registered(ResourceConfig config) {
        Set<Class<?>> types = new java.util.HashSet<>(config.getClasses());
        config.getInstances().forEach(instance -> types.add(instance.getClass()));
        return types;
    }

    private static void walk(Resource resource, String parent, List<Route> routes) {
        String path = join(parent, resource.getPath());
        if (resource.getResourceLocator() != null) {
            throw new IllegalStateException("sub-resource locator at " + path + ": describe its routes in JaxRsRoutes");
        }
        for (ResourceMethod method : resource.getResourceMethods()) {
            Set<String> query = new TreeSet<>();
            Set<String> pathParameters = new TreeSet<>();
            for (Parameter parameter : method.getInvocable().getParameters()) {
                if (parameter.getSource() == Source.QUERY) {
                    query.add(parameter.getSourceName());
                } else if (parameter.getSource() == Source.PATH) {
                    pathParameters.add(parameter.getSourceName());
                } else if (parameter.getSource() == Source.BEAN_PARAM) {
                    throw new IllegalStateException("@BeanParam on " + method.getInvocable().getHandlingMethod()
                            + ": its query parameters can't be read here; list them in JaxRsRoutes");
                }
            }
            routes.add(new Route(method.getHttpMethod(), path, query, pathParameters,
                    method.getInvocable().getHandlingMethod().toGenericString(), method.getInvocable().getDefinitionMethod()));
        }
        resource.getChildResources().forEach(child -> walk(child, path, routes));
    }

    /** Joins path templates with one slash, dropping regular expressions: {@code {id: [0-9]+}} is {@code {id}}. */
    static String join(String parent, String path) {
        String joined = (parent + "/" + (path == null ? "" : path)).replaceAll("/+", "/");
        if (joined.length() > 1 && joined.endsWith("/")) {
            joined = joined.substring(0, joined.length() - 1);
        }
        return joined.replaceAll("\\{\\s*([\\w.-]+)\\s*:[^}]*}", "{$1}");
    }
}
