// bmpfleet - BMP intent for a fleet of routers.
//
// A client of bmpfleet's gRPC API written with grpc-js and proto-loader only, from the .proto file: lists the
// routers, looks a prefix up, then watches events until it has seen a Peer Down and a Peer Up of PEER on the
// router named SYSNAME (or TIMEOUT_MS passes). One JSON object per line on stdout.
'use strict';
const fs = require('fs');
const grpc = require('@grpc/grpc-js');
const loader = require('@grpc/proto-loader');

const env = (name) => {
  if (!process.env[name]) {
    throw new Error(`${name} is not set`);
  }
  return process.env[name];
};
const out = (object) => process.stdout.write(JSON.stringify(object) + '\n');

const definition = loader.loadSync('bmpfleet/v1/bmpfleet.proto', {
  includeDirs: [env('PROTO_DIR')], longs: String, enums: String, defaults: true, oneofs: true,
});
const v1 = grpc.loadPackageDefinition(definition).bmpfleet.v1;
const credentials = grpc.credentials.combineChannelCredentials(
  grpc.credentials.createSsl(fs.readFileSync(env('CA_FILE'))),
  grpc.credentials.createFromMetadataGenerator((_, callback) => {
    const metadata = new grpc.Metadata();
    metadata.set('authorization', 'Basic ' + Buffer.from(env('GRPC_USER') + ':' + env('GRPC_PASSWORD'))
      .toString('base64'));
    callback(null, metadata);
  }));
const address = env('GRPC_ADDRESS');
const monitoring = new v1.Monitoring(address, credentials);
const routes = new v1.Routes(address, credentials);
const events = new v1.Events(address, credentials);
const deadline = () => new Date(Date.now() + 10000);

const call = (client, method, request) => new Promise((resolve, reject) =>
  client[method](request, { deadline: deadline() }, (error, response) => (error ? reject(error) : resolve(response))));

async function main() {
  const routers = await call(monitoring, 'ListRouters', {});
  out({ routers: routers.routers.map((r) => ({ address: r.ref.address, port: r.ref.port, sysName: r.sysName,
    state: r.state, peersUp: r.peersUp })) });
  const found = await call(routes, 'Lookup', { prefix: env('PREFIX'), match: 'LONGEST_PREFIX' });
  out({ lookup: found.routes.map((r) => ({ router: r.router.address + ' ' + r.router.port, peer: r.peer.address,
    rib: r.rib, prefix: r.prefix, nextHop: r.attributes.nextHop,
    asPath: r.attributes.asPath.map((s) => s.asns.join(' ')).join(' '),
    communities: r.attributes.communities })) });

  const sysName = env('SYSNAME');
  const peer = env('PEER');
  const sessions = new Set(routers.routers.filter((r) => r.sysName === sysName)
    .map((r) => r.ref.address + ' ' + r.ref.port));
  const stream = events.Watch({ routeChanges: false });
  let sawDown = false;
  const timer = setTimeout(() => {
    out({ timeout: true });
    stream.cancel();
    process.exit(2);
  }, Number(process.env.TIMEOUT_MS || 60000));
  stream.on('metadata', () => out({ watching: true }));
  stream.on('data', (event) => {
    const session = event.router.address + ' ' + event.router.port;
    out({ sequence: event.sequence, kind: event.kind, router: session,
      peer: event[event.kind] && event[event.kind].peer ? event[event.kind].peer.address : undefined,
      reason: event[event.kind] ? event[event.kind].reason : undefined });
    if (!sessions.has(session) || !event[event.kind] || !event[event.kind].peer
        || event[event.kind].peer.address !== peer) {
      return;
    }
    if (event.kind === 'peerDown') {
      sawDown = true;
    } else if (event.kind === 'peerUp' && sawDown) {
      out({ done: true });
      clearTimeout(timer);
      stream.cancel();
      process.exit(0);
    }
  });
  stream.on('error', (error) => {
    if (error.code !== grpc.status.CANCELLED) {
      out({ error: error.code, details: error.details });
      process.exit(3);
    }
  });
}

main().catch((error) => {
  out({ error: error.code, details: error.details || String(error) });
  process.exit(1);
});
