package org.sigmoidbook.site;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Headless Chromium driven over the Chrome DevTools Protocol (a WebSocket, with
 * {@code java.net.http}): one browser, one tab, pages loaded one after the other.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final List<String> NAMES = List.of("chromium", "chromium-browser");
    private static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--remote-debugging-port=0");
    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Gson GSON = new Gson();

    private final Process process;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonObject>> replies = new ConcurrentHashMap<>();
    private final List<Consumer<JsonObject>> eventListeners = new CopyOnWriteArrayList<>();

    /** The Chromium binary on the PATH, if there is one. */
    static Optional<Path> find() {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : NAMES) {
                Path candidate = Path.of(folder, name);
                if (!folder.isEmpty() && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Starts Chromium with a new, empty profile in {@code workDir}. */
    static HeadlessChromium start(Path binary, Path workDir) throws IOException, InterruptedException {
        Path profile = Files.createDirectories(workDir.resolve("profile"));
        Path log = workDir.resolve("chromium.log");
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(FLAGS);
        command.add("--user-data-dir=" + profile);
        command.add("about:blank");
        Process process = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(log.toFile())
                .start();
        try {
            return new HeadlessChromium(process, devToolsUrl(process, log));
        } catch (IOException | RuntimeException | InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw e;
        }
    }

    private static URI devToolsUrl(Process process, Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            Matcher matcher = DEVTOOLS.matcher(Files.readString(log));
            if (matcher.find()) {
                return URI.create(matcher.group(1));
            }
            if (!process.isAlive()) {
                throw new IOException("Chromium exited with status " + process.exitValue() + ":\n" + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new IOException("Chromium did not open its DevTools port within " + TIMEOUT.toSeconds() + " s:\n" + Files.readString(log));
    }

    private HeadlessChromium(Process process, URI devTools) {
        this.process = process;
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(devTools, new Listener()).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
    }

    /** Opens a tab of the given size in CSS pixels. */
    Tab newTab(int width, int height) {
        String targetId = call(null, "Target.createTarget", Map.of("url", "about:blank")).get("targetId").getAsString();
        String session = call(null, "Target.attachToTarget", Map.of("targetId", targetId, "flatten", true))
                .get("sessionId").getAsString();
        Tab tab = new Tab(session);
        for (String domain : List.of("Page", "Runtime", "Log", "Network")) {
            call(session, domain + ".enable", Map.of());
        }
        call(session, "Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", false));
        return tab;
    }

    /** A tab, and what its current page reported: console errors, uncaught exceptions, failed loads, requests. */
    final class Tab {

        private final String session;
        private final List<String> errors = new CopyOnWriteArrayList<>();
        private final List<String> requests = new CopyOnWriteArrayList<>();
        private volatile CompletableFuture<Void> loaded = new CompletableFuture<>();

        private Tab(String session) {
            this.session = session;
            eventListeners.add(this::onEvent);
        }

        /** Loads {@code url} and waits for its load event. */
        void open(URI url) {
            errors.clear();
            requests.clear();
            loaded = new CompletableFuture<>();
            JsonObject navigation = call(session, "Page.navigate", Map.of("url", url.toString()));
            if (navigation.has("errorText")) {
                throw new IllegalStateException("cannot open " + url + ": " + navigation.get("errorText").getAsString());
            }
            loaded.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        }

        /** Evaluates an expression in the page, waits for the promise it may return, and returns its JSON value. */
        JsonElement evaluate(String expression) {
            JsonObject reply = call(session, "Runtime.evaluate",
                    Map.of("expression", expression, "awaitPromise", true, "returnByValue", true));
            if (reply.has("exceptionDetails")) {
                throw new IllegalStateException("script failed: " + reply.get("exceptionDetails"));
            }
            return reply.getAsJsonObject("result").get("value");
        }

        /** The page as a PNG, its whole height up to {@code maxHeight} CSS pixels. */
        byte[] screenshot(int maxHeight) {
            int width = evaluate("document.documentElement.clientWidth").getAsInt();
            int height = Math.min(maxHeight, evaluate("document.documentElement.scrollHeight").getAsInt());
            JsonObject shot = call(session, "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                    "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            return Base64.getDecoder().decode(shot.get("data").getAsString());
        }

        /** Console errors, uncaught exceptions and browser log errors (a file that failed to load) since the page opened. */
        List<String> errors() {
            return List.copyOf(errors);
        }

        /** Every URL the page requested since it opened. */
        List<String> requests() {
            return List.copyOf(requests);
        }

        private void onEvent(JsonObject message) {
            if (!message.has("sessionId") || !session.equals(message.get("sessionId").getAsString())) {
                return;
            }
            JsonObject params = message.getAsJsonObject("params");
            switch (message.get("method").getAsString()) {
                case "Page.loadEventFired" -> loaded.complete(null);
                case "Network.requestWillBeSent" -> requests.add(params.getAsJsonObject("request").get("url").getAsString());
                case "Runtime.exceptionThrown" -> errors.add("uncaught: " + params.getAsJsonObject("exceptionDetails"));
                case "Runtime.consoleAPICalled" -> {
                    String type = params.get("type").getAsString();
                    if (type.equals("error") || type.equals("assert")) {
                        errors.add("console." + type + ": " + params.get("args"));
                    }
                }
                case "Log.entryAdded" -> {
                    JsonObject entry = params.getAsJsonObject("entry");
                    if (entry.get("level").getAsString().equals("error")) {
                        errors.add(entry.get("source").getAsString() + ": " + entry.get("text").getAsString()
                                + (entry.has("url") ? " " + entry.get("url").getAsString() : ""));
                    }
                }
                default -> {
                }
            }
        }
    }

    private JsonObject call(String session, String method, Map<String, Object> params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        replies.put(id, reply);
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("method", method);
        message.put("params", params);
        if (session != null) {
            message.put("sessionId", session);
        }
        socket.sendText(GSON.toJson(message), true).join();
        JsonObject answer = reply.orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        if (answer.has("error")) {
            throw new IllegalStateException(method + " failed: " + answer.get("error"));
        }
        return answer.getAsJsonObject("result");
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                JsonObject message = GSON.fromJson(partial.toString(), JsonObject.class);
                partial.setLength(0);
                if (message.has("id")) {
                    CompletableFuture<JsonObject> reply = replies.remove(message.get("id").getAsInt());
                    if (reply != null) {
                        reply.complete(message);
                    }
                } else {
                    eventListeners.forEach(listener -> listener.accept(message));
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            socket.sendText("{\"id\":0,\"method\":\"Browser.close\"}", true).join();
        } catch (RuntimeException alreadyGone) {
            // the process is ended below either way
        }
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        socket.abort();
    }
}
