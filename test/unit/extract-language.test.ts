// The language of a post, script first: letters are counted by script (URLs, paths, options and
// identifiers left out) before franc tells languages of one script apart. Every text is written for the
// project, in the shapes real technical blogs take: short CJK prose among long commands and names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkedLanguage } from '../../src/extract/language.js';
import { extractPost } from '../../src/extract/index.js';

/** Chinese notes: a sentence or two of prose around long Latin commands, options and URLs. */
const ZH_NOTES = [
  '安装完成以后 run sudo systemctl restart docker --now 再检查 https://registry.example.org/v2/library/nginx/manifests/latest',
  '参考 https://docs.example.com/reference/configuration/overview#network-settings 修改 daemon.json 的 registry-mirrors',
  '如果出现 Permission denied (publickey) 就把 ~/.ssh/id_ed25519.pub 加到 authorized_keys 里面',
  'kubectl get pods --all-namespaces -o wide | grep CrashLoopBackOff 然后 describe 看 Events',
  'mvn clean package -DskipTests -Pproduction 打包 spring-boot-starter-web 版本 2.7.18',
].join(' ');

/** Japanese prose with English product names, as a tooling note in Japanese reads. */
const JA_NOTES = [
  'GitHub Actions で Docker image を build して Amazon ECR に push する workflow を作りました。',
  'Terraform の state file は S3 bucket に置き、lock には DynamoDB table を使います。',
  'Python script から boto3 client を呼ぶときは region_name を明示しておくと安全です。',
].join(' ');

/**
 * Korean prose, a small share of the letters: English headings, product names and a quoted English
 * sentence make the Latin majority (Hangul about 15% of the letters).
 */
const KO_NOTES = [
  'Database Connection Pool Overview',
  'HikariCP Configuration Maximum Pool Size Minimum Idle Connection Timeout',
  'Spring Boot Application Properties DataSource Driver Class Name',
  'Connection pool 설정을 잘못하면 장애가 생긴다.',
  'Idle timeout 값은 데이터베이스 설정보다 짧게 잡는다.',
  'Leak Detection Threshold Validation Timeout Keepalive Time',
].join(' ');

const EN_TECHNICAL = [
  'Configure the cluster before the deployment starts, and keep the staging namespace separate from production.',
  'Install the agent on every node, then restart the service so that the new configuration is read at boot.',
  'When the health check fails three times, the orchestrator replaces the container and reports the event to the dashboard.',
].join(' ');

const PT_LONG = [
  'O rio sobe todas as primaveras quando a neve derrete nas colinas acima da aldeia, e a velha ponte de pedra resistiu a tudo isso.',
  'Caminhamos pela margem durante uma hora, contando garças e vendo a água levar os galhos até o mar.',
  'Aos sábados a feira abre cedo, e antes das nove as melhores maçãs, os queijos macios e o pão quente já acabaram.',
  'Uma massa lenta ganha mais sabor do que uma rápida, por isso o pão é moldado à noite e assado na manhã seguinte.',
].join(' ');

const RU = 'Каждую весну река поднимается, когда в горах над деревней тает снег, а старый каменный мост выдержал всё это. Мы гуляли по берегу целый час и считали цапель.';

test('language: short Chinese prose among long commands and URLs stays Chinese', () => {
  assert.equal(checkedLanguage('zh-CN', ZH_NOTES), 'zh-CN');
  // A theme's hard-coded English does not make it English either.
  assert.equal(checkedLanguage('en', ZH_NOTES), 'zh');
});

test('language: Japanese with English product names stays Japanese; under lang="en" it is Japanese', () => {
  assert.equal(checkedLanguage('ja-JP', JA_NOTES), 'ja-JP');
  assert.equal(checkedLanguage('en', JA_NOTES), 'ja');
});

test('language: a meaningful share of Hangul outweighs a Latin majority of technical words', () => {
  assert.equal(checkedLanguage('en', KO_NOTES), 'ko');
  assert.equal(checkedLanguage('ko-KR', KO_NOTES), 'ko-KR');
});

test('language: a declared Latin-script language is replaced only by a clear winner on enough prose', () => {
  assert.equal(checkedLanguage('en', EN_TECHNICAL), 'en');
  assert.equal(checkedLanguage('en', PT_LONG), 'pt');
  assert.equal(checkedLanguage('pt-BR', PT_LONG), 'pt-BR');
  // A sentence or two is too little to tell Latin-script languages apart: the declared one stays.
  assert.equal(checkedLanguage('en', 'Caminhamos pela margem durante uma hora, contando garças.'), 'en');
});

test('language: another script gives that script\'s language, never a third one', () => {
  assert.equal(checkedLanguage('en', RU), 'ru');
  // Chinese declared, Latin words that are only names and commands: Chinese is kept, not French or Dutch.
  assert.equal(checkedLanguage('zh-CN', 'Docker Compose Kubernetes Helm Chart Ingress Nginx Controller Prometheus Grafana Alertmanager 配置'), 'zh-CN');
});

test('language: a post page whose theme says lang="en" over Korean prose is ko in its metadata', () => {
  const html = `<html lang="en"><head><title>Pool notes</title></head><body><article><h1>Pool notes</h1><p>${KO_NOTES}</p><pre><code>spring.datasource.hikari.maximum-pool-size=10
spring.datasource.hikari.connection-timeout=30000</code></pre></article></body></html>`;
  assert.equal(extractPost(html, 'http://b.test/2024/06/21/pool-notes/').meta.lang, 'ko');
});
