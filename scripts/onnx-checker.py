# The ONNX package's own checks on exported models (a cross-check, not a test dependency):
#   /usr/bin/python3 scripts/onnx-checker.py model.onnx ...   (Debian: apt-get install python3-onnx)
# the full checker (types, opset, graph) and strict shape inference with type checks.
import sys
import onnx
from onnx import checker, shape_inference

for path in sys.argv[1:]:
    model = onnx.load(path)
    checker.check_model(model, full_check=True)
    shape_inference.infer_shapes(model, check_type=True, strict_mode=True)
    print(f"{path}: valid (onnx {onnx.__version__}, opset {model.opset_import[0].version}, IR {model.ir_version})")
