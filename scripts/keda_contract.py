"""KEDA's calls to Headroom's external scaler, checked against the stored plan (scripts/keda-check.sh).

Usage: keda_contract.py HEADROOM_BINARY WORKDIR   (WORKDIR holds keda.sqlite and the generated client)
"""
import datetime, json, os, re, subprocess, sys, time

import grpc
import externalscaler_pb2 as pb
import externalscaler_pb2_grpc as rpc

binary, work = sys.argv[1], sys.argv[2]
db = os.path.join(work, "keda.sqlite")
NOW = "2026-11-24T08:00:10Z"
failures = []


def check(condition, what):
    print(("ok   " if condition else "FAIL ") + what)
    if not condition:
        failures.append(what)


def serve(now, config=None, name="serve"):
    """Starts `headroom serve` with its clock fixed at `now`; returns (process, REST url, scaler address)."""
    log = open(os.path.join(work, name + ".log"), "w")
    args = [binary, "serve", "--db", db, "--port", "0", "--keda-port", "0", "--log-level", "warning"]
    if config:
        args += ["--config", config]
    process = subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, env=dict(os.environ, HEADROOM_TEST_NOW=now))
    for _ in range(200):
        text = open(os.path.join(work, name + ".log")).read()
        rest = re.search(r"http://127\.0\.0\.1:\d+", text)
        scaler = re.search(r"KEDA external scaler at (\S+)", text)
        if rest and scaler:
            return process, rest.group(0), scaler.group(1)
        if process.poll() is not None:
            sys.exit(f"keda-check: the service did not start:\n{text}")
        time.sleep(0.1)
    process.kill()
    process.wait()
    sys.exit("keda-check: the service printed no scaler address")


def ref(**metadata):
    return pb.ScaledObjectRef(name="chat", namespace="serving", scalerMetadata=metadata)


def plan_launched(model, region, at):
    shown = json.loads(subprocess.check_output(
        [binary, "plan", "show", "--db", db, "--model", model, "--region", region, "--format", "json"]))
    plan = shown["modelPlan"] if "modelPlan" in shown else shown["model_plan"]
    seconds = int(datetime.datetime.fromisoformat(at.replace("Z", "+00:00")).timestamp())
    step = (seconds - plan["start"]) // plan["stepSeconds"] if "stepSeconds" in plan else (seconds - plan["start"]) // plan["step_seconds"]
    launched = plan["launchedReplicas"] if "launchedReplicas" in plan else plan["launched_replicas"]
    return launched[step], shown


def code_of(call):
    try:
        call()
        return None, ""
    except grpc.RpcError as error:
        return error.code(), error.details()


process, rest, address = serve(NOW)
try:
    stub = rpc.ExternalScalerStub(grpc.insecure_channel(address))
    chat = ref(model="chat-8b", region="us-east-1")
    spec = stub.GetMetricSpec(chat, timeout=5)
    check([(s.metricName, s.targetSizeFloat) for s in spec.metricSpecs] == [("headroom-chat-8b-us-east-1", 1.0)],
          f"GetMetricSpec names headroom-chat-8b-us-east-1 with target 1 ({spec.metricSpecs})")
    for model, region in [("chat-8b", "us-east-1"), ("embed-small", "eu-west-1"), ("code-70b", "us-east-1")]:
        expected, _ = plan_launched(model, region, NOW)
        values = stub.GetMetrics(pb.GetMetricsRequest(scaledObjectRef=ref(model=model, region=region),
                                                      metricName=f"s0-headroom-{model}-{region}"), timeout=5)
        got = [(v.metricName, v.metricValueFloat, v.metricValue) for v in values.metricValues]
        check(got == [(f"s0-headroom-{model}-{region}", float(expected), expected)],
              f"GetMetrics {model}/{region} at {NOW} = the plan's launched replicas {expected} ({got})")
        active = stub.IsActive(ref(model=model, region=region), timeout=5)
        check(active.result == (expected > 0), f"IsActive {model}/{region} is {expected > 0}")
    for metadata, code, words in [
        ({"region": "us-east-1"}, grpc.StatusCode.INVALID_ARGUMENT, "has no 'model'"),
        ({"model": "chat-8b"}, grpc.StatusCode.INVALID_ARGUMENT, "has no 'region'"),
        ({"model": "chat-9b", "region": "us-east-1"}, grpc.StatusCode.NOT_FOUND, "has no chat-9b in us-east-1"),
        ({"model": "chat-8b", "region": "mars-1"}, grpc.StatusCode.NOT_FOUND, "check the model and region"),
    ]:
        for name, call in [("GetMetrics", lambda: stub.GetMetrics(pb.GetMetricsRequest(scaledObjectRef=ref(**metadata)), timeout=5)),
                           ("IsActive", lambda: stub.IsActive(ref(**metadata), timeout=5))]:
            got, details = code_of(call)
            check(got == code and words in details, f"{name} {metadata}: {code} ({got}: {details})")
    # StreamIsActive: the value at once, and again within 1 s of a new plan being stored.
    stream = stub.StreamIsActive(chat, timeout=30)
    first = next(stream)
    check(first.result is True, "StreamIsActive sends the current value at once")
    subprocess.check_output([binary, "plan", "run", "--db", db])
    stored = time.monotonic()
    second = next(stream)
    delay = time.monotonic() - stored
    check(second.result is True and delay < 1.0, f"StreamIsActive sends again {delay * 1000:.0f} ms after a new plan is stored")
    stream.cancel()
    # 64 open streams: each gets the value at once, then again when a new plan is stored.
    import threading
    streams = [stub.StreamIsActive(chat, timeout=60) for _ in range(64)]
    for each in streams:
        next(each)
    arrivals = []
    def wait(each):
        next(each)
        arrivals.append(time.monotonic())
    threads = [threading.Thread(target=wait, args=(each,)) for each in streams]
    for thread in threads:
        thread.start()
    subprocess.check_output([binary, "plan", "run", "--db", db])
    stored = time.monotonic()
    for thread in threads:
        thread.join(timeout=10)
    late = max(0.0, max(arrivals) - stored) if len(arrivals) == 64 else float("inf")
    check(len(arrivals) == 64 and late < 1.0,
          f"a new plan reaches all 64 open StreamIsActive streams within {late * 1000:.0f} ms of being stored")
    for each in streams:
        each.cancel()
    metrics = subprocess.run(["curl", "-s", rest + "/metrics"], capture_output=True, text=True).stdout
    check('headroom_keda_errors_total{' in metrics and 'code="invalidArgument"' in metrics,
          "headroom_keda_errors_total counts the refusals")
finally:
    process.terminate()
    process.wait()

# A plan whose horizon has ended: FAILED_PRECONDITION, with what to do.
process, rest, address = serve("2027-01-01T00:00:00Z", name="late")
try:
    stub = rpc.ExternalScalerStub(grpc.insecure_channel(address))
    got, details = code_of(lambda: stub.GetMetrics(pb.GetMetricsRequest(scaledObjectRef=ref(model="chat-8b", region="us-east-1")), timeout=5))
    check(got == grpc.StatusCode.FAILED_PRECONDITION and "run the forecast and plan jobs" in details,
          f"a plan past its horizon: FAILED_PRECONDITION ({got}: {details})")
finally:
    process.terminate()
    process.wait()

# Mutual TLS with certificates made here: KEDA's caCert, tlsClientCert and tlsClientKey.
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
import ipaddress


def certificate(name, issuer=None, issuer_key=None, ca=False, san=None):
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(issuer.subject if issuer else subject)
               .public_key(key.public_key()).serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=1))
               .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
    if san:
        builder = builder.add_extension(x509.SubjectAlternativeName(san), critical=False)
    cert = builder.sign(issuer_key or key, hashes.SHA256())
    return cert, key


def write(name, data):
    path = os.path.join(work, name)
    open(path, "wb").write(data)
    return path


ca, ca_key = certificate("headroom-test-ca", ca=True)
server, server_key = certificate("headroom", ca, ca_key, san=[x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")])
client, client_key = certificate("keda", ca, ca_key)
pem = serialization.Encoding.PEM
key_pem = lambda k: k.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
paths = {"ca": write("ca.pem", ca.public_bytes(pem)), "cert": write("server.pem", server.public_bytes(pem)),
         "key": write("server.key", key_pem(server_key))}
example = subprocess.check_output([binary, "export", "kubernetes", "--help"])  # the binary answers
config = open("examples/headroom.yaml").read().replace(
    "    listen: 127.0.0.1:9443",
    f"    listen: 127.0.0.1:9443\n    tls: {{cert: {paths['cert']}, key: {paths['key']}, client_ca: {paths['ca']}}}")
config_path = write("tls.yaml", config.encode())
process, rest, address = serve(NOW, config=config_path, name="tls")
try:
    good = grpc.secure_channel(address, grpc.ssl_channel_credentials(
        root_certificates=ca.public_bytes(pem), private_key=key_pem(client_key), certificate_chain=client.public_bytes(pem)))
    values = rpc.ExternalScalerStub(good).GetMetrics(pb.GetMetricsRequest(scaledObjectRef=ref(model="chat-8b", region="us-east-1")), timeout=5)
    check(len(values.metricValues) == 1, "mutual TLS: KEDA's client certificate is accepted")
    anonymous = grpc.secure_channel(address, grpc.ssl_channel_credentials(root_certificates=ca.public_bytes(pem)))
    got, details = code_of(lambda: rpc.ExternalScalerStub(anonymous).GetMetrics(
        pb.GetMetricsRequest(scaledObjectRef=ref(model="chat-8b", region="us-east-1")), timeout=5))
    check(got == grpc.StatusCode.UNAVAILABLE, f"mutual TLS: a client without a certificate is refused ({got})")
    plain = grpc.insecure_channel(address)
    got, _ = code_of(lambda: rpc.ExternalScalerStub(plain).IsActive(ref(model="chat-8b", region="us-east-1"), timeout=5))
    check(got == grpc.StatusCode.UNAVAILABLE, f"mutual TLS: plaintext is refused ({got})")
finally:
    process.terminate()
    process.wait()

print(f"keda-check: {len(failures)} failed")
sys.exit(1 if failures else 0)
