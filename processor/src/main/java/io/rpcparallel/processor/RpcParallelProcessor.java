package io.rpcparallel.processor;

import com.google.auto.service.AutoService;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.TypeSpec;
import io.rpcparallel.annotations.RpcParallelApp;
import io.rpcparallel.annotations.RpcWorker;
import io.rpcparallel.processor.model.AppModel;
import io.rpcparallel.processor.model.WorkerModel;
import io.rpcparallel.processor.validate.AppValidator;
import io.rpcparallel.processor.validate.Outcome;
import io.rpcparallel.processor.validate.WorkerValidator;
import io.rpcparallel.processor.write.Writers;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;
import javax.tools.Diagnostic;

/**
 * Generates the glue code of rpc-parallel: for each {@code @RpcWorker} interface {@code X},
 * {@code XRpc}, {@code XClient}, {@code XAsync}, {@code XDispatcher} and {@code XCodecs}; for
 * each {@code @RpcParallelApp} class {@code App}, the routing main {@code AppRpcParallelMain}.
 *
 * <p>Each annotated type is validated into a model (reporting every error it has), then written;
 * a type with an error gets no code. A type that refers to a type that does not exist yet (one
 * another processor may generate) waits for the next round. Every generated file has exactly one
 * originating element, so the processor is isolating for Gradle.
 */
@AutoService(Processor.class)
public final class RpcParallelProcessor extends AbstractProcessor {
  /** Types deferred to the next round, by qualified name, with the type they were missing. */
  private final Map<String, String> deferredWorkers = new LinkedHashMap<>();
  private final Map<String, String> deferredApps = new LinkedHashMap<>();
  private boolean reportedError;

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(RpcWorker.class.getCanonicalName(), RpcParallelApp.class.getCanonicalName());
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    WorkerValidator workerValidator = new WorkerValidator(
        processingEnv.getElementUtils(), processingEnv.getTypeUtils(), processingEnv.getMessager());
    AppValidator appValidator =
        new AppValidator(processingEnv.getElementUtils(), processingEnv.getMessager());

    processAll(elements(round, RpcWorker.class, deferredWorkers), deferredWorkers,
        workerValidator::validate, this::writeWorker);
    processAll(elements(round, RpcParallelApp.class, deferredApps), deferredApps,
        appValidator::validate, this::writeApp);

    if (round.processingOver()) {
      reportUnresolved(deferredWorkers, round);
      reportUnresolved(deferredApps, round);
    }
    return false;
  }

  /** The types annotated in this round, after those deferred from the last one. */
  private List<TypeElement> elements(RoundEnvironment round,
      Class<? extends java.lang.annotation.Annotation> annotation, Map<String, String> deferred) {
    List<TypeElement> elements = new ArrayList<>();
    for (String name : deferred.keySet()) {
      TypeElement element = processingEnv.getElementUtils().getTypeElement(name);
      if (element != null) {
        elements.add(element);
      }
    }
    deferred.clear();
    elements.addAll(ElementFilter.typesIn(round.getElementsAnnotatedWith(annotation)));
    return elements;
  }

  private <T> void processAll(List<TypeElement> elements, Map<String, String> deferred,
      Function<TypeElement, Outcome<T>> validate, Writer<T> write) {
    for (TypeElement element : elements) {
      try {
        Outcome<T> outcome = validate.apply(element);
        if (outcome instanceof Outcome.Valid<T> valid) {
          write.write(valid.model(), element);
        } else if (outcome instanceof Outcome.Deferred<T> wait) {
          deferred.put(element.getQualifiedName().toString(), wait.missingType());
        } else {
          reportedError = true;
        }
      } catch (RuntimeException | IOException e) {
        // Never crash javac: report, and go on with the next type.
        error(String.format(Messages.INTERNAL_ERROR, element, stackTrace(e)), element);
      }
    }
  }

  @FunctionalInterface
  private interface Writer<T> {
    void write(T model, TypeElement origin) throws IOException;
  }

  private void writeWorker(WorkerModel model, TypeElement origin) throws IOException {
    for (TypeSpec spec : Writers.worker(model, generatedAvailable())) {
      writeFile(model.iface().packageName(), spec, origin);
    }
  }

  private void writeApp(AppModel model, TypeElement origin) throws IOException {
    writeFile(model.app().packageName(), Writers.app(model, generatedAvailable()), origin);
  }

  private void writeFile(String packageName, TypeSpec spec, Element origin) throws IOException {
    JavaFile.builder(packageName, spec.toBuilder().addOriginatingElement(origin).build())
        .skipJavaLangImports(true)
        .build()
        .writeTo(processingEnv.getFiler());
  }

  /** {@code @Generated} is in the java.compiler module, which a modular build may not read. */
  private boolean generatedAvailable() {
    return processingEnv.getElementUtils()
        .getTypeElement("javax.annotation.processing.Generated") != null;
  }

  /** At the end, a type still waiting for a missing type is an error, unless others are. */
  private void reportUnresolved(Map<String, String> deferred, RoundEnvironment round) {
    if (!reportedError && !round.errorRaised()) {
      for (Map.Entry<String, String> entry : deferred.entrySet()) {
        TypeElement element = processingEnv.getElementUtils().getTypeElement(entry.getKey());
        error(String.format(Messages.UNRESOLVED_TYPE, entry.getKey(), entry.getValue()), element);
      }
    }
    deferred.clear();
  }

  private void error(String message, Element element) {
    reportedError = true;
    processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  private static String stackTrace(Throwable e) {
    StringWriter text = new StringWriter();
    e.printStackTrace(new PrintWriter(text));
    return text.toString();
  }
}
