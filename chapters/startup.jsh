// Loaded by ./notebook before anything else: the imports every notebook uses.
import java.util.*;
import java.nio.file.*;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.knowm.xchart.*;
import tech.tablesaw.api.*;
import org.sigmoidbook.runtime.*;
import org.sigmoidbook.toolkit.numerics.*;
import org.sigmoidbook.toolkit.nn.*;
import org.sigmoidbook.toolkit.data.*;
import org.sigmoidbook.toolkit.charts.*;
// Windows only where a display really exists; elsewhere charts go to files.
Display.configure(true);
// ND4J's native backend takes a second or more to load: start it now, on one thread as the book does.
Backend.startInBackground();
// OpenMP keeps its thread count per thread: once ND4J has loaded, apply it to the thread that runs the cells.
Backend.configureCurrentThread();
