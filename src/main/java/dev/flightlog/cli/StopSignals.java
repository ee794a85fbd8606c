package dev.flightlog.cli;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * SIGINT and SIGTERM for {@code flightlog serve}: the first asks for a graceful stop, a second one
 * (of either) ends the process at once. The JDK has no public API for this: its own handler starts
 * the shutdown hooks and ignores every later signal until they finish, and its exit status is 128 +
 * the signal, where a graceful stop should exit 0. So the handlers are {@code sun.misc.Signal}'s
 * (module jdk.unsupported, kept for exactly this use), reached by reflection: naming the class in
 * source draws javac's "internal proprietary API" warning, which no {@code @SuppressWarnings}
 * silences and which {@code -Werror} makes an error (JLine reaches it the same way). See
 * RATIONALE.md.
 */
final class StopSignals {

  private static final String[] SIGNALS = {"INT", "TERM"};

  private StopSignals() {}

  /**
   * Installs the handlers: {@code first} runs on the first signal, {@code again} with the signal's
   * number on every later one. Both run on a thread of the JVM's, so they must return quickly.
   * Returns false (and installs nothing) when the runtime does not offer {@code sun.misc.Signal} or
   * refuses a handler; the JVM's own handling (shutdown hooks) then applies.
   */
  static boolean install(Runnable first, IntConsumer again) {
    var count = new AtomicInteger();
    try {
      var signalClass = Class.forName("sun.misc.Signal");
      var handlerClass = Class.forName("sun.misc.SignalHandler");
      var number = signalClass.getMethod("getNumber");
      InvocationHandler onSignal =
          (proxy, method, args) ->
              switch (method.getName()) {
                case "handle" -> {
                  if (count.getAndIncrement() == 0) {
                    first.run();
                  } else {
                    again.accept((int) number.invoke(args[0]));
                  }
                  yield null;
                }
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> "flightlog stop signal handler";
              };
      var handler =
          Proxy.newProxyInstance(
              StopSignals.class.getClassLoader(), new Class<?>[] {handlerClass}, onSignal);
      var constructor = signalClass.getConstructor(String.class);
      var handle = signalClass.getMethod("handle", signalClass, handlerClass);
      for (var name : SIGNALS) {
        handle.invoke(null, constructor.newInstance(name), handler);
      }
      return true;
    } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
      return false;
    }
  }
}
