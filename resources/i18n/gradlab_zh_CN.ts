<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BackpropCanvas</name>
    <message>
        <source>Draw a digit with the left mouse button; the right button erases</source>
        <translation>按住鼠标左键写一个数字；右键擦除</translation>
    </message>
</context>
<context>
    <name>BackpropCore</name>
    <message>
        <source>(the output layer is linear: {z} are the logits)</source>
        <translation>（输出层是线性的：{z} 就是 logits）</translation>
    </message>
    <message>
        <source>(a logit: the output layer is linear)</source>
        <translation>（这是一个 logit：输出层是线性的）</translation>
    </message>
    <message>
        <source>Δθ = {step} (the step above);  new θ = θ + Δθ, for every W⁽ˡ⁾, b⁽ˡ⁾</source>
        <translation>Δθ = {step}（即上面这一步）；  新的 θ = θ + Δθ，对每个 W⁽ˡ⁾、b⁽ˡ⁾ 都如此</translation>
    </message>
    <message>
        <source>after step t = {t}:  </source>
        <translation>第 t = {t} 步之后：  </translation>
    </message>
    <message>
        <source>,  new {name} = </source>
        <translation>，  新的 {name} = </translation>
    </message>
    <message>
        <source>{symbol} = yes</source>
        <translation>{symbol} = 是</translation>
    </message>
    <message>
        <source>{symbol} = no</source>
        <translation>{symbol} = 否</translation>
    </message>
    <message>
        <source>Input {eq}  (sample {i})</source>
        <translation>输入 {eq}  （样本 {i}）</translation>
    </message>
    <message>
        <source>(moving x against it lowers the loss)</source>
        <translation>（让 x 朝它的反方向移动，损失就会下降）</translation>
    </message>
    <message>
        <source>Layer {l}, unit {j}  (output, class {c}),  sample {i}</source>
        <translation>第 {l} 层，神经元 {j}  （输出，类别 {c}），  样本 {i}</translation>
    </message>
    <message>
        <source>Layer {l}, unit {j},  sample {i}</source>
        <translation>第 {l} 层，神经元 {j}，  样本 {i}</translation>
    </message>
    <message>
        <source>(unit {k} of layer {lk} → unit {j} of layer {l})</source>
        <translation>（第 {lk} 层神经元 {k} → 第 {l} 层神经元 {j}）</translation>
    </message>
    <message>
        <source>sample {i}: δ</source>
        <translation>样本 {i}：δ</translation>
    </message>
    <message>
        <source>(mean over the batch of {n})</source>
        <translation>（对这一批 {n} 个样本取平均）</translation>
    </message>
    <message>
        <source>(this step)</source>
        <translation>（这一步）</translation>
    </message>
    <message>
        <source>Forward: layer {layer}</source>
        <translation>前向传播：第 {layer} 层</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>Loss: {loss}</source>
        <translation>损失：{loss}</translation>
    </message>
    <message>
        <source>δ of layer {layer} (output)</source>
        <translation>第 {layer} 层的 δ（输出层）</translation>
    </message>
    <message>
        <source>δ of layer {layer}</source>
        <translation>第 {layer} 层的 δ</translation>
    </message>
    <message>
        <source>Gradients</source>
        <translation>梯度</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Update: {optimizer}</source>
        <translation>更新：{optimizer}</translation>
    </message>
</context>
<context>
    <name>BackpropDiagram</name>
    <message>
        <source>inputs x = a⁽⁰⁾</source>
        <translation>输入 x = a⁽⁰⁾</translation>
    </message>
    <message>
        <source>logits z{mark}</source>
        <translation>logits z{mark}</translation>
    </message>
    <message>
        <source>hidden a{mark}</source>
        <translation>隐藏层 a{mark}</translation>
    </message>
</context>
<context>
    <name>BackpropForm</name>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Activation and loss</source>
        <translation>激活函数与损失函数</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入数</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隐藏层数</translation>
    </message>
    <message>
        <source>Units per layer</source>
        <translation>每层神经元数</translation>
    </message>
    <message>
        <source>Outputs (softmax)</source>
        <translation>输出数（Softmax）</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Activation f</source>
        <translation>激活函数 f</translation>
    </message>
    <message>
        <source>Loss C</source>
        <translation>损失函数 C</translation>
    </message>
    <message>
        <source>Class weights</source>
        <translation>类别权重</translation>
    </message>
    <message>
        <source>Focal γ</source>
        <translation>聚焦参数 γ</translation>
    </message>
    <message>
        <source>the label: the class this sample belongs to</source>
        <translation>标签：这个样本所属的类别</translation>
    </message>
    <message>
        <source>a label is a class 0..{last}, got {value}</source>
        <translation>标签应是 0..{last} 中的一个类别，实为 {value}</translation>
    </message>
    <message>
        <source>an input must be a finite number, got {text}</source>
        <translation>输入必须是有限的数，实为 {text}</translation>
    </message>
    <message>
        <source>not a number: {text}</source>
        <translation>不是数字：{text}</translation>
    </message>
    <message>
        <source>sample {i}: {message}</source>
        <translation>样本 {i}：{message}</translation>
    </message>
</context>
<context>
    <name>BackpropPlot</name>
    <message>
        <source>Loss C</source>
        <translation>损失 C</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
</context>
<context>
    <name>BackpropReal</name>
    <message>
        <source>GradLab MNIST run (*.pt);;All files (*)</source>
        <translation>GradLab MNIST 训练记录 (*.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>focal α (per-class weights) left out: it only scales this digit&apos;s δ</source>
        <translation>未使用焦点损失的 α（各类别权重）：它只会按比例缩放这个数字的 δ</translation>
    </message>
    <message>
        <source>untrained (seed {seed})</source>
        <translation>未训练（随机种子 {seed}）</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Load a run the MNIST tab saved (a .pt file)</source>
        <translation>加载 MNIST 标签页保存的训练记录（.pt 文件）</translation>
    </message>
    <message>
        <source>Test digit</source>
        <translation>测试数字</translation>
    </message>
    <message>
        <source>My drawing</source>
        <translation>我画的数字</translation>
    </message>
    <message>
        <source>Which MNIST test digit</source>
        <translation>MNIST 测试集中的第几个数字</translation>
    </message>
    <message>
        <source>Next mistake</source>
        <translation>下一个错例</translation>
    </message>
    <message>
        <source>The next test digit this network gets wrong</source>
        <translation>这个网络认错的下一个测试数字</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Wipe the drawing (the right mouse button erases a part)</source>
        <translation>擦掉整幅画（用鼠标右键可擦掉一部分）</translation>
    </message>
    <message>
        <source>true label</source>
        <translation>真实标签</translation>
    </message>
    <message>
        <source>why not {c}?</source>
        <translation>为什么不是 {c}？</translation>
    </message>
    <message>
        <source>The class y the loss is taken against: δ and ∂C/∂x show what would make the network say it</source>
        <translation>计算损失时所对照的类别 y：δ 和 ∂C/∂x 显示怎样才能让网络给出这个答案</translation>
    </message>
    <message>
        <source>Network 784-512-256-10</source>
        <translation>网络 784-512-256-10</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Target:</source>
        <translation>目标：</translation>
    </message>
    <message>
        <source>The units whose δ is largest in size, with the numbers of their backpropagation step</source>
        <translation>|δ| 最大的神经元，以及它们在反向传播这一步中的数值</translation>
    </message>
    <message>
        <source>Untrained (seed {seed})</source>
        <translation>未训练（随机种子 {seed}）</translation>
    </message>
    <message>
        <source>The weights every MNIST-tab run with this seed starts from</source>
        <translation>MNIST 标签页中用这个随机种子的每次训练都从这组权重出发</translation>
    </message>
    <message>
        <source>MNIST tab: {label}</source>
        <translation>MNIST 标签页：{label}</translation>
    </message>
    <message>
        <source>File: {name}</source>
        <translation>文件：{name}</translation>
    </message>
    <message>
        <source>Looking for the MNIST test set…</source>
        <translation>正在查找 MNIST 测试集…</translation>
    </message>
    <message>
        <source>Open run</source>
        <translation>打开训练记录</translation>
    </message>
    <message>
        <source>the untrained network</source>
        <translation>未训练的网络</translation>
    </message>
    <message>
        <source>The MNIST tab no longer has run {label}</source>
        <translation>MNIST 标签页中已没有这次训练：{label}</translation>
    </message>
    <message>
        <source>Could not load {what}: {error}</source>
        <translation>无法加载 {what}：{error}</translation>
    </message>
    <message>
        <source>Loading {what}…</source>
        <translation>正在加载 {what}…</translation>
    </message>
    <message>
        <source>In use: {label}</source>
        <translation>正在使用：{label}</translation>
    </message>
    <message>
        <source> ({note})</source>
        <translation>（{note}）</translation>
    </message>
    <message>
        <source>No MNIST data: draw a digit.</source>
        <translation>没有 MNIST 数据：请手写一个数字。</translation>
    </message>
    <message>
        <source>Loading the MNIST test set from {folder}…</source>
        <translation>正在从 {folder} 加载 MNIST 测试集…</translation>
    </message>
    <message>
        <source>No MNIST test set was found (the MNIST tab can download it, into GradLab&apos;s data folder)</source>
        <translation>没有找到 MNIST 测试集（MNIST 标签页可以下载它，存入 GradLab 的数据文件夹）</translation>
    </message>
    <message>
        <source>MNIST could not be read: {error}</source>
        <translation>无法读取 MNIST：{error}</translation>
    </message>
    <message>
        <source>{label} gets every test digit right</source>
        <translation>{label} 认对了所有测试数字</translation>
    </message>
    <message>
        <source>target {y} (chosen)</source>
        <translation>目标 {y}（手动选择）</translation>
    </message>
    <message>
        <source>target {y} (the true label)</source>
        <translation>目标 {y}（真实标签）</translation>
    </message>
    <message>
        <source>target {y} (the prediction; a drawing has no label)</source>
        <translation>目标 {y}（网络的预测；手写的数字没有标签）</translation>
    </message>
    <message>
        <source>Test digit {index} (a {label})</source>
        <translation>测试数字 {index}（真实为 {label}）</translation>
    </message>
    <message>
        <source>Your drawing</source>
        <translation>你画的数字</translation>
    </message>
    <message>
        <source>{what} · backward pass for {why} · C = {loss}</source>
        <translation>{what} · 针对{why}的反向传播 · C = {loss}</translation>
    </message>
    <message>
        <source>The network says {digit} ({percent}%)</source>
        <translation>网络认为是 {digit}（{percent}%）</translation>
    </message>
    <message>
        <source>Largest |δ| per layer, for target {y}:</source>
        <translation>目标为 {y} 时，每层 |δ| 最大的神经元：</translation>
    </message>
    <message>
        <source>layer {l}, unit {j}: {delta}</source>
        <translation>第 {l} 层，神经元 {j}：{delta}</translation>
    </message>
</context>
<context>
    <name>BackpropSmall</name>
    <message>
        <source>Next phase</source>
        <translation>下一个阶段</translation>
    </message>
    <message>
        <source>Previous phase</source>
        <translation>上一个阶段</translation>
    </message>
    <message>
        <source>Play or pause the phases</source>
        <translation>逐个阶段播放或暂停</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>whose numbers the diagram and the equation show: one sample&apos;s, or every sample&apos;s line (the gradient is the batch mean)</source>
        <translation>网络图和公式显示哪些数值：某一个样本的，或者每个样本各占一行（梯度是整批的平均）</translation>
    </message>
    <message>
        <source>type a value to trace the network again</source>
        <translation>输入一个值，网络会重新计算一遍</translation>
    </message>
    <message>
        <source>◀ Back</source>
        <translation>◀ 后退</translation>
    </message>
    <message>
        <source>the previous phase (Left)</source>
        <translation>上一个阶段（左方向键）</translation>
    </message>
    <message>
        <source>Step ▶</source>
        <translation>单步 ▶</translation>
    </message>
    <message>
        <source>the next phase (Right); after the update, the next step</source>
        <translation>下一个阶段（右方向键）；更新之后进入下一步</translation>
    </message>
    <message>
        <source>step through the phases at the chosen pace (Space)</source>
        <translation>按所选速度逐个阶段播放（空格键）</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>the network as the seed drew it, at the first phase</source>
        <translation>回到随机种子生成的网络，从第一个阶段开始</translation>
    </message>
    <message>
        <source>Step ×10</source>
        <translation>单步 ×10</translation>
    </message>
    <message>
        <source>ten optimizer steps on the batch</source>
        <translation>在这一批上让优化器走十步</translation>
    </message>
    <message>
        <source>{pace} phase/s</source>
        <translation>每秒 {pace} 个阶段</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{positive}&apos;&gt;━&amp;nbsp;w&amp;nbsp;&amp;gt;&amp;nbsp;0&lt;/span&gt; &amp;nbsp;&lt;span style=&apos;color:{negative}&apos;&gt;━&amp;nbsp;w&amp;nbsp;&amp;lt;&amp;nbsp;0&lt;/span&gt;, width ∝ |w| · unit colour: its value (blue &amp;gt; 0, red &amp;lt; 0) · &lt;span style=&apos;color:{highlight}&apos;&gt;&lt;b&gt;yellow&lt;/b&gt;&lt;/span&gt;: this phase · dashed ring, white line: selected</source>
        <translation>&lt;span style=&apos;color:{positive}&apos;&gt;━&amp;nbsp;w&amp;nbsp;&amp;gt;&amp;nbsp;0&lt;/span&gt; &amp;nbsp;&lt;span style=&apos;color:{negative}&apos;&gt;━&amp;nbsp;w&amp;nbsp;&amp;lt;&amp;nbsp;0&lt;/span&gt;，线宽 ∝ |w| · 神经元颜色：它的值（蓝 &amp;gt; 0，红 &amp;lt; 0） · &lt;span style=&apos;color:{highlight}&apos;&gt;&lt;b&gt;黄色&lt;/b&gt;&lt;/span&gt;：本阶段计算的部分 · 虚线圈、白线：选中的对象</translation>
    </message>
    <message>
        <source>sample {i}</source>
        <translation>样本 {i}</translation>
    </message>
    <message>
        <source>batch (all {n})</source>
        <translation>整批（全部 {n} 个）</translation>
    </message>
    <message>
        <source>{reason} (cross-entropy shown instead)</source>
        <translation>{reason}（改为显示交叉熵）</translation>
    </message>
    <message>
        <source>1 input</source>
        <translation>1 个输入</translation>
    </message>
    <message>
        <source>{n} inputs</source>
        <translation>{n} 个输入</translation>
    </message>
    <message>
        <source>no hidden layers</source>
        <translation>没有隐藏层</translation>
    </message>
    <message>
        <source>1 hidden layer</source>
        <translation>1 个隐藏层</translation>
    </message>
    <message>
        <source>{n} hidden layers</source>
        <translation>{n} 个隐藏层</translation>
    </message>
    <message>
        <source>a layer of {n} units</source>
        <translation>某一层有 {n} 个神经元</translation>
    </message>
    <message>
        <source>{n} classes</source>
        <translation>{n} 个类别</translation>
    </message>
    <message>
        <source>The Backpropagation tab cannot step through this network ({wrong}): it shows {inputs_lo}-{inputs_hi} inputs, {layers_lo}-{layers_hi} hidden layers of at most {units} units and {outputs_lo}-{outputs_hi} classes; switch features off or remove layers or units.</source>
        <translation>“反向传播”标签页无法逐步演示这个网络（{wrong}）：它能显示 {inputs_lo}-{inputs_hi} 个输入、{layers_lo}-{layers_hi} 个隐藏层（每层最多 {units} 个神经元）和 {outputs_lo}-{outputs_hi} 个类别；请关掉一些输入特征，或减少隐藏层数或每层的神经元数。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>The Backpropagation tab cannot trace this network: {reason}</source>
        <translation>“反向传播”标签页无法追踪这个网络：{reason}</translation>
    </message>
    <message>
        <source>From the Playground</source>
        <translation>来自“游乐场”</translation>
    </message>
    <message>
        <source>: the point ({x}, {y}), class {label}</source>
        <translation>：点 ({x}, {y})，类别 {label}</translation>
    </message>
    <message>
        <source>; inputs x₀… are {names}</source>
        <translation>；输入 x₀… 依次是 {names}</translation>
    </message>
    <message>
        <source>. Reset returns to these weights.</source>
        <translation>。“重置”会回到这组权重。</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>播放</translation>
    </message>
    <message>
        <source>sample {i}:</source>
        <translation>样本 {i}：</translation>
    </message>
    <message>
        <source>sample {i}:  </source>
        <translation>样本 {i}：  </translation>
    </message>
    <message>
        <source>Step {step} · phase {phase} of {phases}: {title}</source>
        <translation>第 {step} 步 · 阶段 {phase}/{phases}：{title}</translation>
    </message>
    <message>
        <source>Showing unit 0 of layer {layer}: click one of its units for that unit&apos;s numbers.</source>
        <translation>这里显示第 {layer} 层的神经元 0：点击该层的某个神经元可查看它的数值。</translation>
    </message>
    <message>
        <source>Each sample has its own δ of this unit: {deltas}</source>
        <translation>每个样本在这个神经元上都有自己的 δ：{deltas}</translation>
    </message>
    <message>
        <source>The batch gradient is the mean of the {n} samples&apos; terms {term} ({listed}) = {gradient}</source>
        <translation>整批的梯度是 {n} 个样本的 {term} 项的平均（{listed}）= {gradient}</translation>
    </message>
    <message>
        <source>Select a weight (click a line) to see its batch gradient, the mean over the samples.</source>
        <translation>选中一个权重（点击一条连线），查看它在整批上的梯度，即对各样本取平均。</translation>
    </message>
    <message>
        <source>The nudges are each sample&apos;s own: choose a sample under Show to see them.</source>
        <translation>推动方向因样本而异：在“显示”中选一个样本即可看到。</translation>
    </message>
    <message>
        <source>Click a unit or a weight to select it; hover over one for all its numbers.</source>
        <translation>点击神经元或权重可选中它；鼠标悬停可查看它的全部数值。</translation>
    </message>
    <message>
        <source>&lt;span style=&apos;color:{colour}&apos;&gt;&lt;b&gt;Green arrows&lt;/b&gt;&lt;/span&gt;: the nudge {nudge} of sample {sample}: up, raising the unit lowers the cost. One scale: the longest is {longest}&amp;nbsp;=&amp;nbsp;{value}.</source>
        <translation>&lt;span style=&apos;color:{colour}&apos;&gt;&lt;b&gt;绿色箭头&lt;/b&gt;&lt;/span&gt;：样本 {sample} 的推动方向 {nudge}：朝上表示增大这个神经元的值会降低损失。所有箭头用同一比例：最长的是 {longest}&amp;nbsp;=&amp;nbsp;{value}。</translation>
    </message>
</context>
<context>
    <name>BackpropTab</name>
    <message>
        <source>Small network</source>
        <translation>小网络</translation>
    </message>
    <message>
        <source>Real network (MNIST)</source>
        <translation>真实网络（MNIST）</translation>
    </message>
</context>
<context>
    <name>BackpropViews</name>
    <message>
        <source>{n} units as a {rows}×{cols} grid, unit 0 top left, row by row</source>
        <translation>{n} 个神经元排成 {rows}×{cols} 的网格，神经元 0 在左上角，逐行排列</translation>
    </message>
    <message>
        <source>The input x = a{mark}, as the network reads it (normalised)</source>
        <translation>输入 x = a{mark}，即网络读到的样子（已标准化）</translation>
    </message>
    <message>
        <source>Activations a{mark} = f(z{mark}): {grid}</source>
        <translation>激活值 a{mark} = f(z{mark})：{grid}</translation>
    </message>
    <message>
        <source>The saliency ∂C/∂x: how each pixel pushes the loss for the target (red: more ink raises C)</source>
        <translation>显著图 ∂C/∂x：每个像素如何推动针对目标的损失（红色：墨水越多，C 越大）</translation>
    </message>
    <message>
        <source>δ{mark} = ∂C/∂z{mark} for the target: {grid}</source>
        <translation>针对目标的 δ{mark} = ∂C/∂z{mark}：{grid}</translation>
    </message>
    <message>
        <source>p = softmax(z{mark}): the network&apos;s probability of each digit</source>
        <translation>p = softmax(z{mark})：网络给每个数字的概率</translation>
    </message>
    <message>
        <source>δ{mark} = ∂C/∂z{mark} for the target (p − one-hot(y) for cross-entropy)</source>
        <translation>针对目标的 δ{mark} = ∂C/∂z{mark}（交叉熵时为 p − one-hot(y)）</translation>
    </message>
</context>
<context>
    <name>CoreError</name>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}：{1}</translation>
    </message>
    <message>
        <source>{1} ({0}, {2})</source>
        <translation>{1}（{0}，{2}）</translation>
    </message>
    <message>
        <source>{0}: alpha must be a finite number, got {1}</source>
        <translation>{0}：alpha 必须是有限数，实为 {1}</translation>
    </message>
    <message>
        <source>{0}: alpha must be {1}, got {2}</source>
        <translation>{0}：alpha 必须 {1}，实为 {2}</translation>
    </message>
    <message>
        <source>unknown activation {0}; valid names: {1}</source>
        <translation>未知的激活函数 {0}；可用的名称：{1}</translation>
    </message>
    <message>
        <source>{0}: unknown parameter(s) {1}</source>
        <translation>{0}：未知的参数 {1}</translation>
    </message>
    <message>
        <source>{0}: is a folder, not a regular file; GradLab writes only regular files</source>
        <translation>{0}：是文件夹，不是普通文件；GradLab 只写入普通文件</translation>
    </message>
    <message>
        <source>{0}: is a pipe (FIFO), not a regular file; GradLab writes only regular files</source>
        <translation>{0}：是管道 (FIFO)，不是普通文件；GradLab 只写入普通文件</translation>
    </message>
    <message>
        <source>{0}: is a character device, not a regular file; GradLab writes only regular files</source>
        <translation>{0}：是字符设备，不是普通文件；GradLab 只写入普通文件</translation>
    </message>
    <message>
        <source>{0}: is a block device, not a regular file; GradLab writes only regular files</source>
        <translation>{0}：是块设备，不是普通文件；GradLab 只写入普通文件</translation>
    </message>
    <message>
        <source>{0}: is a socket, not a regular file; GradLab writes only regular files</source>
        <translation>{0}：是套接字，不是普通文件；GradLab 只写入普通文件</translation>
    </message>
    <message>
        <source>{0}: is an unknown kind of file, not a regular file; GradLab writes only regular files</source>
        <translation>{0}：是未知类型的文件，不是普通文件；GradLab 只写入普通文件</translation>
    </message>
    <message>
        <source>{0}: a link GradLab cannot follow to a file</source>
        <translation>{0}：GradLab 无法沿这个链接找到文件</translation>
    </message>
    <message>
        <source>no free temporary name beside {0}</source>
        <translation>{0} 旁边没有可用的临时文件名</translation>
    </message>
    <message>
        <source>atomic_write: mode {0} is not a write mode (&apos;w&apos;, &apos;wb&apos;, ...)</source>
        <translation>atomic_write：模式 {0} 不是写入模式（&apos;w&apos;、&apos;wb&apos; 等）</translation>
    </message>
    <message>
        <source>module {0} has no attribute {1}</source>
        <translation>模块 {0} 没有属性 {1}</translation>
    </message>
    <message>
        <source>{0} must be an integer from {1} to {2}, got {3}</source>
        <translation>{0} 必须是 {1} 到 {2} 之间的整数，实为 {3}</translation>
    </message>
    <message>
        <source>seed must be a non-negative integer, got {0}</source>
        <translation>随机种子必须是非负整数，实为 {0}</translation>
    </message>
    <message>
        <source>canvas must be a non-empty 2-D array, got shape {0}</source>
        <translation>画布必须是非空的二维数组，实际形状为 {0}</translation>
    </message>
    <message>
        <source>canvas must hold numbers in [0, 1], got dtype {0}</source>
        <translation>画布中的数必须在 [0, 1] 之内，实际 dtype 为 {0}</translation>
    </message>
    <message>
        <source>canvas holds NaN or infinite values</source>
        <translation>画布中含有 NaN 或无穷大的值</translation>
    </message>
    <message>
        <source>the image is blank: it has no centre of mass</source>
        <translation>图像是空白的：它没有质心</translation>
    </message>
    <message>
        <source>max_terms must be at least 1, got {0}</source>
        <translation>max_terms 至少为 1，实为 {0}</translation>
    </message>
    <message>
        <source>{0} must be an integer from 0 to {1}, got {2}</source>
        <translation>{0} 必须是 0 到 {1} 之间的整数，实为 {2}</translation>
    </message>
    <message>
        <source>layer must be an integer from {0} to {1}, got {2}</source>
        <translation>层号必须是 {0} 到 {1} 之间的整数，实为 {2}</translation>
    </message>
    <message>
        <source>this trace has no update step: trace it with an optimizer</source>
        <translation>这次追踪没有更新步骤：请带上优化器再追踪</translation>
    </message>
    <message>
        <source>max_terms must be an integer ≥ 1, got {0}</source>
        <translation>max_terms 必须是 ≥ 1 的整数，实为 {0}</translation>
    </message>
    <message>
        <source>weight must be a pair (j, k), got {0}</source>
        <translation>权重必须以一对下标 (j, k) 指定，实为 {0}</translation>
    </message>
    <message>
        <source>hidden δ is for layers 1 to {0}, got layer {1}</source>
        <translation>隐藏层的 δ 只适用于第 1 到第 {0} 层，实为第 {1} 层</translation>
    </message>
    <message>
        <source>unknown phase kind {0}</source>
        <translation>未知的阶段类型 {0}</translation>
    </message>
    <message>
        <source>n_layers must be an integer ≥ 1, got {0}</source>
        <translation>n_layers 必须是 ≥ 1 的整数，实为 {0}</translation>
    </message>
    <message>
        <source>state dict: {0} is not an array of numbers</source>
        <translation>state_dict：{0} 不是数值数组</translation>
    </message>
    <message>
        <source>state dict: {0} holds NaN or infinite values</source>
        <translation>state_dict：{0} 含有 NaN 或无穷大的值</translation>
    </message>
    <message>
        <source>state dict must be a mapping, got {0}</source>
        <translation>state_dict 必须是映射（字典），实为 {0}</translation>
    </message>
    <message>
        <source>state dict has no layer weights (&apos;0.weight&apos;, ...)</source>
        <translation>state_dict 中没有层的权重（&apos;0.weight&apos; 等）</translation>
    </message>
    <message>
        <source>state dict lacks {0} or {1}</source>
        <translation>state_dict 中缺少 {0} 或 {1}</translation>
    </message>
    <message>
        <source>state dict: layer {0} has W {1} and b {2}</source>
        <translation>state_dict：第 {0} 层的 W 为 {1}，b 为 {2}（形状不匹配）</translation>
    </message>
    <message>
        <source>state dict: layer {0} takes {1} inputs, layer {2} gives {3}</source>
        <translation>state_dict：第 {0} 层需要 {1} 个输入，而第 {2} 层给出 {3} 个</translation>
    </message>
    <message>
        <source>{0}: no such file</source>
        <translation>{0}：文件不存在</translation>
    </message>
    <message>
        <source>{0}: not a GradLab run (it holds Python objects, which are never loaded)</source>
        <translation>{0}：不是 GradLab 训练记录文件（其中含有 Python 对象，GradLab 从不加载这类对象）</translation>
    </message>
    <message>
        <source>{0}: not a GradLab run ({1}: unknown error)</source>
        <translation>{0}：不是 GradLab 训练记录文件（{1}：未知错误）</translation>
    </message>
    <message>
        <source>{0}: not a GradLab run ({1}: {2})</source>
        <translation>{0}：不是 GradLab 训练记录文件（{1}：{2}）</translation>
    </message>
    <message>
        <source>unknown error</source>
        <translation>未知错误</translation>
    </message>
    <message>
        <source>{0}: the run has no saved weights</source>
        <translation>{0}：这次训练没有保存权重</translation>
    </message>
    <message>
        <source>{0}: unknown error</source>
        <translation>{0}：未知错误</translation>
    </message>
    <message>
        <source>test digit index must be an integer from 0 to {0}, got {1}</source>
        <translation>测试集数字的编号必须是 0 到 {0} 之间的整数，实为 {1}</translation>
    </message>
    <message>
        <source>this trace has no update: pass optimizer= to trace()</source>
        <translation>这次追踪没有更新步骤：请给 trace() 传入 optimizer=</translation>
    </message>
    <message>
        <source>layer must be 1..{0}, got {1}</source>
        <translation>层号必须在 1..{0} 之内，实为 {1}</translation>
    </message>
    <message>
        <source>unit j must be 0..{0} in layer {1}, got {2}</source>
        <translation>第 {1} 层的神经元 j 必须在 0..{0} 之内，实为 {2}</translation>
    </message>
    <message>
        <source>input k must be 0..{0} of layer {1}, got {2}</source>
        <translation>第 {1} 层的输入 k 必须在 0..{0} 之内，实为 {2}</translation>
    </message>
    <message>
        <source>{0} must be an array of numbers</source>
        <translation>{0} 必须是数值数组</translation>
    </message>
    <message>
        <source>{0} must be real numbers, got dtype {1}</source>
        <translation>{0} 必须是实数，实际 dtype 为 {1}</translation>
    </message>
    <message>
        <source>params must be a non-empty list [(W_1, b_1), ..., (W_L, b_L)]</source>
        <translation>params 必须是非空列表 [(W_1, b_1), ..., (W_L, b_L)]</translation>
    </message>
    <message>
        <source>params[{0}] (layer {1}) must be a pair (W, b)</source>
        <translation>params[{0}]（第 {1} 层）必须是一对 (W, b)</translation>
    </message>
    <message>
        <source>W of layer {0} must be a non-empty 2-D array (n_{1}, n_{2}), got shape {3}</source>
        <translation>第 {0} 层的 W 必须是非空的二维数组 (n_{1}, n_{2})，实际形状为 {3}</translation>
    </message>
    <message>
        <source>b of layer {0} must have shape ({1},) to match W {2}, got {3}</source>
        <translation>第 {0} 层的 b 的形状必须是 ({1},)，以与 W {2} 匹配，实为 {3}</translation>
    </message>
    <message>
        <source>W of layer {0} takes {1} inputs but layer {2} has {3} units</source>
        <translation>第 {0} 层的 W 需要 {1} 个输入，但第 {2} 层有 {3} 个神经元</translation>
    </message>
    <message>
        <source>the parameters of layer {0} contain NaN or inf</source>
        <translation>第 {0} 层的参数含有 NaN 或 inf</translation>
    </message>
    <message>
        <source>x must have shape (N, {0}) with N &gt;= 1, got {1}</source>
        <translation>x 的形状必须是 (N, {0})，且 N &gt;= 1，实为 {1}</translation>
    </message>
    <message>
        <source>x contains NaN or inf</source>
        <translation>x 含有 NaN 或 inf</translation>
    </message>
    <message>
        <source>y must be integer labels, got dtype {0}</source>
        <translation>y 必须是整数标签，实际 dtype 为 {0}</translation>
    </message>
    <message>
        <source>y must have shape ({0},), one label per row of x, got {1}</source>
        <translation>y 的形状必须是 ({0},)，x 的每一行一个标签，实为 {1}</translation>
    </message>
    <message>
        <source>label {0} is out of range for {1} classes (0..{2})</source>
        <translation>标签 {0} 超出了 {1} 个类别的范围 (0..{2})</translation>
    </message>
    <message>
        <source>activation must be a name or an Activation, got {0}</source>
        <translation>激活函数必须是名称或 Activation 对象，实为 {0}</translation>
    </message>
    <message>
        <source>unknown loss {0} for a trace; valid: {1}</source>
        <translation>追踪不支持未知的损失函数 {0}；可用：{1}</translation>
    </message>
    <message>
        <source>loss {0} cannot be traced; valid: {1}</source>
        <translation>损失函数 {0} 无法追踪；可用：{1}</translation>
    </message>
    <message>
        <source>loss must be a name or a Loss, got {0}</source>
        <translation>损失函数必须是名称或 Loss 对象，实为 {0}</translation>
    </message>
    <message>
        <source>state must be {0} (from {1}&apos;s init), got {2}</source>
        <translation>state 必须是 {0}（来自 {1} 的 init），实为 {2}</translation>
    </message>
    <message>
        <source>optimizer state {0} does not fit these params (shapes {1} vs {2})</source>
        <translation>优化器状态 {0} 与这些参数不匹配（形状 {1} 与 {2}）</translation>
    </message>
    <message>
        <source>optimizer must be a core Optimizer (optimizers.get(...)), got {0}</source>
        <translation>优化器必须是核心的 Optimizer 对象（optimizers.get(...)），实为 {0}</translation>
    </message>
    <message>
        <source>state was given without an optimizer</source>
        <translation>给出了 state，却没有给出优化器</translation>
    </message>
    <message>
        <source>a folder, not a regular file</source>
        <translation>是文件夹，不是普通文件</translation>
    </message>
    <message>
        <source>a pipe (FIFO), not a regular file</source>
        <translation>是管道 (FIFO)，不是普通文件</translation>
    </message>
    <message>
        <source>a character device, not a regular file</source>
        <translation>是字符设备，不是普通文件</translation>
    </message>
    <message>
        <source>a block device, not a regular file</source>
        <translation>是块设备，不是普通文件</translation>
    </message>
    <message>
        <source>a socket, not a regular file</source>
        <translation>是套接字，不是普通文件</translation>
    </message>
    <message>
        <source>an unknown kind of file, not a regular file</source>
        <translation>是未知类型的文件，不是普通文件</translation>
    </message>
    <message>
        <source>larger than {0} bytes</source>
        <translation>大于 {0} 字节</translation>
    </message>
    <message>
        <source>larger than {0}</source>
        <translation>大于 {0}</translation>
    </message>
    <message>
        <source>rows of shape {0} do not fit rows of shape {1}</source>
        <translation>形状为 {0} 的行与形状为 {1} 的行不匹配</translation>
    </message>
    <message>
        <source>num_classes must be at least 2, got {0}</source>
        <translation>num_classes 至少为 2，实为 {0}</translation>
    </message>
    <message>
        <source>no δ⁽ᴸ⁾ formula for loss {0}</source>
        <translation>损失函数 {0} 没有 δ⁽ᴸ⁾ 公式</translation>
    </message>
    <message>
        <source>unknown bug {0}; valid: {1}</source>
        <translation>未知的错误类型 {0}；可用：{1}</translation>
    </message>
    <message>
        <source>subset must be a whole number &gt;= 1, got {0}</source>
        <translation>子集大小必须是 &gt;= 1 的整数，实为 {0}</translation>
    </message>
    <message>
        <source>run {0} ends where it started (θ_A = θ₀): no plane through it</source>
        <translation>训练 {0} 的终点就是起点 (θ_A = θ₀)：无法确定经过它的平面</translation>
    </message>
    <message>
        <source>runs {0} and {1} moved along one line from θ₀: no plane through them</source>
        <translation>训练 {0} 和 {1} 从 θ₀ 出发沿同一条直线移动：无法确定经过它们的平面</translation>
    </message>
    <message>
        <source>a PCA plane needs at least 3 snapshots of the path, got {0}</source>
        <translation>PCA 平面至少需要路径上的 3 个快照，实为 {0}</translation>
    </message>
    <message>
        <source>the path does not span a plane (its snapshots lie on a line)</source>
        <translation>这条路径张不成平面（它的快照都在一条直线上）</translation>
    </message>
    <message>
        <source>mse: targets have shape {0}, outputs {1}</source>
        <translation>mse：目标的形状为 {0}，输出的形状为 {1}</translation>
    </message>
    <message>
        <source>mse: outputs are empty</source>
        <translation>mse：输出为空</translation>
    </message>
    <message>
        <source>{0}: outputs must be (N, C) logits with N, C ≥ 1, got shape {1}</source>
        <translation>{0}：输出必须是形状为 (N, C) 的 logits，且 N, C ≥ 1，实际形状为 {1}</translation>
    </message>
    <message>
        <source>{0}: labels must be integers, got dtype {1}</source>
        <translation>{0}：标签必须是整数，实际 dtype 为 {1}</translation>
    </message>
    <message>
        <source>{0}: labels must have shape ({1},) to match outputs {2}, got {3}</source>
        <translation>{0}：标签的形状必须是 ({1},)，以与输出 {2} 匹配，实为 {3}</translation>
    </message>
    <message>
        <source>{0}: label {1} is out of range for {2} classes (0..{3})</source>
        <translation>{0}：标签 {1} 超出了 {2} 个类别的范围 (0..{3})</translation>
    </message>
    <message>
        <source>{0}: {1} must be numbers, one per class, got {2}</source>
        <translation>{0}：{1} 必须是数，每个类别一个，实为 {2}</translation>
    </message>
    <message>
        <source>{0}: {1} must be a 1-D list, one per class, got shape {2}</source>
        <translation>{0}：{1} 必须是一维列表，每个类别一个，实际形状为 {2}</translation>
    </message>
    <message>
        <source>{0}: {1} must be finite and ≥ 0, got {2}</source>
        <translation>{0}：{1} 必须是有限数且 ≥ 0，实为 {2}</translation>
    </message>
    <message>
        <source>{0}: {1} has {2} entries but outputs have {3} classes</source>
        <translation>{0}：{1} 有 {2} 项，但输出有 {3} 个类别</translation>
    </message>
    <message>
        <source>weighted_cross_entropy: needs weights, one per class</source>
        <translation>weighted_cross_entropy：需要权重，每个类别一个</translation>
    </message>
    <message>
        <source>weighted_cross_entropy: weights are all 0, got {0}</source>
        <translation>weighted_cross_entropy：权重全为 0，实为 {0}</translation>
    </message>
    <message>
        <source>{0}: the weights of these labels sum to 0 (the loss is 0/0)</source>
        <translation>{0}：这些标签的权重之和为 0（损失为 0/0）</translation>
    </message>
    <message>
        <source>focal: gamma must be a finite number ≥ 0, got {0}</source>
        <translation>focal：gamma 必须是 ≥ 0 的有限数，实为 {0}</translation>
    </message>
    <message>
        <source>unknown loss {0}; valid names: {1}</source>
        <translation>未知的损失函数 {0}；可用的名称：{1}</translation>
    </message>
    <message>
        <source>sizes must be at least two positive layer widths, got {0}</source>
        <translation>sizes 必须至少包含两个正的层宽度，实为 {0}</translation>
    </message>
    <message>
        <source>theta has {0} entries, the parameters need {1}</source>
        <translation>theta 有 {0} 项，而参数需要 {1} 项</translation>
    </message>
    <message>
        <source>no loss: pass one here or to MLP(..., loss=...)</source>
        <translation>没有损失函数：请在这里或在 MLP(..., loss=...) 中给出</translation>
    </message>
    <message>
        <source>{0} must be 10 numbers or &apos;inverse_frequency&apos;, got {1}</source>
        <translation>{0} 必须是 10 个数或 &apos;inverse_frequency&apos;，实为 {1}</translation>
    </message>
    <message>
        <source>{0}: {1} must be {2} numbers (one per digit), got {3}</source>
        <translation>{0}：{1} 必须是 {2} 个数（每个数字一个），实为 {3}</translation>
    </message>
    <message>
        <source>{0} must be an integer &gt;= {1}, got {2}</source>
        <translation>{0} 必须是 &gt;= {1} 的整数，实为 {2}</translation>
    </message>
    <message>
        <source>unknown loss {0}; valid: {1}</source>
        <translation>未知的损失函数 {0}；可用：{1}</translation>
    </message>
    <message>
        <source>unknown activation {0}; valid: {1}</source>
        <translation>未知的激活函数 {0}；可用：{1}</translation>
    </message>
    <message>
        <source>hidden must name at least one hidden layer</source>
        <translation>hidden 至少要给出一个隐藏层</translation>
    </message>
    <message>
        <source>unknown schedule_unit {0}; valid: {1}</source>
        <translation>未知的 schedule_unit {0}；可用：{1}</translation>
    </message>
    <message>
        <source>unknown engine {0}; valid: {1}</source>
        <translation>未知的计算引擎 {0}；可用：{1}</translation>
    </message>
    <message>
        <source>dtype must be &apos;float32&apos; or &apos;float64&apos;, got {0}</source>
        <translation>dtype 必须是 &apos;float32&apos; 或 &apos;float64&apos;，实为 {0}</translation>
    </message>
    <message>
        <source>imbalance: digit {0} must be 0-9 and its fraction in [0, 1], got {1}</source>
        <translation>imbalance：数字 {0} 必须在 0-9 之内，其比例必须在 [0, 1] 之内，实为 {1}</translation>
    </message>
    <message>
        <source>imbalance keeps no training samples (every digit&apos;s fraction is 0)</source>
        <translation>类别不平衡设置没有保留任何训练样本（每个数字的比例都是 0）</translation>
    </message>
    <message>
        <source>threads must be at most {0}, got {1}</source>
        <translation>线程数最多为 {0}，实为 {1}</translation>
    </message>
    <message>
        <source>seed must be at most {0} (2**32 - 1), got {1}</source>
        <translation>随机种子最大为 {0} (2**32 - 1)，实为 {1}</translation>
    </message>
    <message>
        <source>{0}: the network needs about {1} GiB, more than the limit&apos;s {2} GiB (weights, gradients, optimizer state)</source>
        <translation>{0}：网络约需 {1} GiB，超过了上限 {2} GiB（权重、梯度、优化器状态）</translation>
    </message>
    <message>
        <source>{0}: one batch needs about {1} GiB, more than the limit&apos;s {2} GiB (activations)</source>
        <translation>{0}：一个批次约需 {1} GiB，超过了上限 {2} GiB（激活值）</translation>
    </message>
    <message>
        <source>unknown device {0} ({1})</source>
        <translation>未知的设备 {0}（{1}）</translation>
    </message>
    <message>
        <source>device {0} cannot train (use auto, cpu or cuda)</source>
        <translation>设备 {0} 不能用于训练（请用 auto、cpu 或 cuda）</translation>
    </message>
    <message>
        <source>device {0} asked for, but CUDA is not available</source>
        <translation>指定了设备 {0}，但 CUDA 不可用</translation>
    </message>
    <message>
        <source>device {0}: this machine has {1} CUDA device(s)</source>
        <translation>设备 {0}：这台机器只有 {1} 个 CUDA 设备</translation>
    </message>
    <message>
        <source>device {0} asked for, but MPS is not available</source>
        <translation>指定了设备 {0}，但 MPS 不可用</translation>
    </message>
    <message>
        <source>cannot resume: the config differs from the checkpoint&apos;s in {0}</source>
        <translation>无法继续训练：设置与检查点的设置在 {0} 上不同</translation>
    </message>
    <message>
        <source>{0}: truncated ({1} bytes, header needs {2})</source>
        <translation>{0}：文件被截断（{1} 字节，文件头需要 {2} 字节）</translation>
    </message>
    <message>
        <source>{0}: wrong magic number {1} (expected {2})</source>
        <translation>{0}：魔数 {1} 不对（应为 {2}）</translation>
    </message>
    <message>
        <source>{0}: header says {1} items, more than MNIST&apos;s {2}</source>
        <translation>{0}：文件头声称有 {1} 项，多于 MNIST 的 {2} 项</translation>
    </message>
    <message>
        <source>{0}: images are {1}x{2}, expected {3}x{4}</source>
        <translation>{0}：图像为 {1}x{2}，应为 {3}x{4}</translation>
    </message>
    <message>
        <source>{0}: cannot be read ({1})</source>
        <translation>{0}：无法读取（{1}）</translation>
    </message>
    <message>
        <source>{0}: truncated or corrupt gzip data ({1})</source>
        <translation>{0}：gzip 数据被截断或已损坏（{1}）</translation>
    </message>
    <message>
        <source>{0}: count mismatch: more data bytes than the header announces ({1})</source>
        <translation>{0}：数量不符：数据字节多于文件头声明的数量（{1}）</translation>
    </message>
    <message>
        <source>{0}: checksum mismatch (MD5 {1}, expected {2})</source>
        <translation>{0}：校验和不符（MD5 为 {1}，应为 {2}）</translation>
    </message>
    <message>
        <source>{0}: count mismatch: header says {1} items, expected {2}</source>
        <translation>{0}：数量不符：文件头声称有 {1} 项，应为 {2} 项</translation>
    </message>
    <message>
        <source>{0}: truncated ({1} data bytes, header announces {2})</source>
        <translation>{0}：文件被截断（数据 {1} 字节，文件头声明 {2} 字节）</translation>
    </message>
    <message>
        <source>{0}: count mismatch: {1} data bytes, header announces {2}</source>
        <translation>{0}：数量不符：数据 {1} 字节，文件头声明 {2} 字节</translation>
    </message>
    <message>
        <source>{0}: label {1} out of range 0-9</source>
        <translation>{0}：标签 {1} 超出范围 0-9</translation>
    </message>
    <message>
        <source>{0}: missing (neither {1}.gz nor {2} is in {3})</source>
        <translation>{0}：缺失（{3} 中既没有 {1}.gz，也没有 {2}）</translation>
    </message>
    <message>
        <source>{0}: count mismatch: {1} labels for {2} images</source>
        <translation>{0}：数量不符：{1} 个标签对应 {2} 张图像</translation>
    </message>
    <message>
        <source>download of {0} cancelled</source>
        <translation>{0} 的下载已取消</translation>
    </message>
    <message>
        <source>no data for {0} s</source>
        <translation>{0} 秒内没有收到数据</translation>
    </message>
    <message>
        <source>{0}: not an http(s) address</source>
        <translation>{0}：不是 http(s) 地址</translation>
    </message>
    <message>
        <source>{0}: more than {1} redirects</source>
        <translation>{0}：重定向超过 {1} 次</translation>
    </message>
    <message>
        <source>{0}: Content-Length {1} bytes is more than the file can be ({2} bytes); refused</source>
        <translation>{0}：Content-Length 为 {1} 字节，超过了这个文件可能的大小（{2} 字节）；已拒绝</translation>
    </message>
    <message>
        <source>{0}: the server sent more than the file can be ({1} bytes); stopped</source>
        <translation>{0}：服务器发送的数据超过了这个文件可能的大小（{1} 字节）；已停止</translation>
    </message>
    <message>
        <source>download of {0}.gz cancelled</source>
        <translation>{0}.gz 的下载已取消</translation>
    </message>
    <message>
        <source>{0}: download failed from every mirror ({1})</source>
        <translation>{0}：从所有镜像下载均失败（{1}）</translation>
    </message>
    <message>
        <source>torch:rmsprop has no eps_in_sqrt (torch adds eps outside the root)</source>
        <translation>torch:rmsprop 没有 eps_in_sqrt（torch 把 eps 加在根号外）</translation>
    </message>
    <message>
        <source>no torch.optim reference for {0}</source>
        <translation>{0} 没有对应的 torch.optim 参照实现</translation>
    </message>
    <message>
        <source>not a GradLab run (no {0} marker)</source>
        <translation>不是 GradLab 训练记录文件（没有 {0} 标记）</translation>
    </message>
    <message>
        <source>version: must be a whole number, got {0}</source>
        <translation>version：必须是整数，实为 {0}</translation>
    </message>
    <message>
        <source>saved by a newer GradLab (version {0})</source>
        <translation>由更新版本的 GradLab 保存（版本 {0}）</translation>
    </message>
    <message>
        <source>state: missing or not a mapping</source>
        <translation>state：缺失，或不是映射（字典）</translation>
    </message>
    <message>
        <source>state.{0}: must be a number, got {1}</source>
        <translation>state.{0}：必须是数，实为 {1}</translation>
    </message>
    <message>
        <source>state.{0}: must be a finite number &gt;= 0, got {1}</source>
        <translation>state.{0}：必须是 &gt;= 0 的有限数，实为 {1}</translation>
    </message>
    <message>
        <source>history: damaged ({0})</source>
        <translation>history：已损坏（{0}）</translation>
    </message>
    <message>
        <source>evaluation: damaged ({0})</source>
        <translation>evaluation：已损坏（{0}）</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>文件不存在</translation>
    </message>
    <message>
        <source>cannot be read ({0})</source>
        <translation>无法读取（{0}）</translation>
    </message>
    <message>
        <source>not a GradLab run (it holds Python objects, which GradLab never loads)</source>
        <translation>不是 GradLab 训练记录文件（其中含有 Python 对象，GradLab 从不加载这类对象）</translation>
    </message>
    <message>
        <source>not a GradLab run ({0})</source>
        <translation>不是 GradLab 训练记录文件（{0}）</translation>
    </message>
    <message>
        <source>not a GradLab run (not a torch file, or damaged)</source>
        <translation>不是 GradLab 训练记录文件（不是 torch 文件，或已损坏）</translation>
    </message>
    <message>
        <source>{0}: missing or not a mapping</source>
        <translation>{0}：缺失，或不是映射（字典）</translation>
    </message>
    <message>
        <source>config: damaged ({0}: {1})</source>
        <translation>config：已损坏（{0}：{1}）</translation>
    </message>
    <message>
        <source>config: device must be a name like &apos;cpu&apos;, got {0}</source>
        <translation>config：device 必须是像 &apos;cpu&apos; 这样的名称，实为 {0}</translation>
    </message>
    <message>
        <source>{0}: must be a whole number &gt;= 0, got {1}</source>
        <translation>{0}：必须是 &gt;= 0 的整数，实为 {1}</translation>
    </message>
    <message>
        <source>the run has no saved weights (state.model is missing)</source>
        <translation>这次训练没有保存权重（缺少 state.model）</translation>
    </message>
    <message>
        <source>weights: unexpected tensor {0} for hidden {1}</source>
        <translation>权重：对于 hidden {1}，出现了意外的张量 {0}</translation>
    </message>
    <message>
        <source>weights {0}: not a dense tensor</source>
        <translation>权重 {0}：不是稠密张量</translation>
    </message>
    <message>
        <source>weights {0}: missing (hidden {1} needs {2} layers)</source>
        <translation>权重 {0}：缺失（hidden {1} 需要 {2} 层）</translation>
    </message>
    <message>
        <source>weights {0}: shape {1}, expected {2} for hidden {3}</source>
        <translation>权重 {0}：形状为 {1}，对于 hidden {3} 应为 {2}</translation>
    </message>
    <message>
        <source>weights {0}: dtype {1}, expected {2}</source>
        <translation>权重 {0}：dtype 为 {1}，应为 {2}</translation>
    </message>
    <message>
        <source>weights: checksum mismatch (the file is damaged)</source>
        <translation>权重：校验和不符（文件已损坏）</translation>
    </message>
    <message>
        <source>weights {0}: not finite (NaN or inf)</source>
        <translation>权重 {0}：不是有限数（NaN 或 inf）</translation>
    </message>
    <message>
        <source>weights {0}: value {1} beyond ±{2} (no trained network has it)</source>
        <translation>权重 {0}：数值 {1} 超出 ±{2}（训练出的网络不会有这样的值）</translation>
    </message>
    <message>
        <source>optimizer: missing or not an optimizer&apos;s state</source>
        <translation>optimizer：缺失，或不是优化器的状态</translation>
    </message>
    <message>
        <source>optimizer: state for parameter {0}, which the network does not have</source>
        <translation>optimizer：有参数 {0} 的状态，但网络中没有这个参数</translation>
    </message>
    <message>
        <source>optimizer state[{0}]: not a mapping</source>
        <translation>optimizer state[{0}]：不是映射（字典）</translation>
    </message>
    <message>
        <source>optimizer state[{0}].{1}: shape {2}, expected {3}</source>
        <translation>optimizer state[{0}].{1}：形状为 {2}，应为 {3}</translation>
    </message>
    <message>
        <source>optimizer state[{0}].{1}: not finite (NaN or inf)</source>
        <translation>optimizer state[{0}].{1}：不是有限数（NaN 或 inf）</translation>
    </message>
    <message>
        <source>trajectory.steps: must be 1 to {0} whole numbers</source>
        <translation>trajectory.steps：必须是 1 到 {0} 个整数</translation>
    </message>
    <message>
        <source>trajectory.steps: must increase from 0 to at most the run&apos;s {0} steps, got {1}</source>
        <translation>trajectory.steps：必须从 0 递增，最多到这次训练的 {0} 步，实为 {1}</translation>
    </message>
    <message>
        <source>trajectory.{0}: tensors {1}, expected {2}</source>
        <translation>trajectory.{0}：张量为 {1}，应为 {2}</translation>
    </message>
    <message>
        <source>trajectory.{0} {1}: not a dense tensor</source>
        <translation>trajectory.{0} {1}：不是稠密张量</translation>
    </message>
    <message>
        <source>trajectory.{0} {1}: shape {2}, expected {3}</source>
        <translation>trajectory.{0} {1}：形状为 {2}，应为 {3}</translation>
    </message>
    <message>
        <source>trajectory.{0} {1}: dtype {2}, expected {3}</source>
        <translation>trajectory.{0} {1}：dtype 为 {2}，应为 {3}</translation>
    </message>
    <message>
        <source>trajectory.{0} {1}: not finite (NaN or inf)</source>
        <translation>trajectory.{0} {1}：不是有限数（NaN 或 inf）</translation>
    </message>
    <message>
        <source>unknown schedule {0}; valid: {1}</source>
        <translation>未知的学习率调度 {0}；可用：{1}</translation>
    </message>
    <message>
        <source>unknown parameter {0} for the {1} schedule; valid: {2}</source>
        <translation>{1} 学习率调度没有参数 {0}；可用：{2}</translation>
    </message>
    <message>
        <source>step_size must be an integer &gt;= 1, got {0}</source>
        <translation>step_size 必须是 &gt;= 1 的整数，实为 {0}</translation>
    </message>
    <message>
        <source>gamma must be in (0, 1], got {0}</source>
        <translation>gamma 必须在 (0, 1] 之内，实为 {0}</translation>
    </message>
    <message>
        <source>eta_min must be &gt;= 0, got {0}</source>
        <translation>eta_min 必须 &gt;= 0，实为 {0}</translation>
    </message>
    <message>
        <source>unknown schedule unit {0}; valid: {1}</source>
        <translation>未知的调度单位 {0}；可用：{1}</translation>
    </message>
    <message>
        <source>no training samples left (train_subset / imbalance keep none)</source>
        <translation>没有剩下任何训练样本（train_subset / imbalance 一个也没有保留）</translation>
    </message>
    <message>
        <source>{0} must be a number, got {1}</source>
        <translation>{0} 必须是数，实为 {1}</translation>
    </message>
    <message>
        <source>{0} must be finite, got a number beyond ±1.8e308</source>
        <translation>{0} 必须是有限数，实为超出 ±1.8e308 的数</translation>
    </message>
    <message>
        <source>{0} must be finite, got {1}</source>
        <translation>{0} 必须是有限数，实为 {1}</translation>
    </message>
    <message>
        <source>{0} must be &gt; 0, got {1}</source>
        <translation>{0} 必须 &gt; 0，实为 {1}</translation>
    </message>
    <message>
        <source>{0} must be &gt;= 0, got {1}</source>
        <translation>{0} 必须 &gt;= 0，实为 {1}</translation>
    </message>
    <message>
        <source>{0} must be in [0, 1), got {1}</source>
        <translation>{0} 必须在 [0, 1) 之内，实为 {1}</translation>
    </message>
    <message>
        <source>{0} must be True or False, got {1}</source>
        <translation>{0} 必须是 True 或 False，实为 {1}</translation>
    </message>
    <message>
        <source>unknown hyperparameter {0} for {1}; valid: {2}</source>
        <translation>{1} 没有超参数 {0}；可用：{2}</translation>
    </message>
    <message>
        <source>unknown optimizer {0}; valid: {1}</source>
        <translation>未知的优化器 {0}；可用：{1}</translation>
    </message>
    <message>
        <source>an entry met a {0}, not a number</source>
        <translation>一个元素遇到了 {0}，而不是数</translation>
    </message>
    <message>
        <source>entries of two recordings met</source>
        <translation>两次记录的元素混在了一起</translation>
    </message>
    <message>
        <source>an exponent that is an array</source>
        <translation>指数是数组</translation>
    </message>
    <message>
        <source>the rule branches on an entry&apos;s value</source>
        <translation>更新规则按元素的值分支</translation>
    </message>
    <message>
        <source>the rule compares an entry (a branch or a mask)</source>
        <translation>更新规则比较了元素（分支或掩码）</translation>
    </message>
    <message>
        <source>numpy.{0}.{1} with {2}</source>
        <translation>numpy.{0}.{1}（带 {2}）</translation>
    </message>
    <message>
        <source>numpy.{0} (not an elementwise operation)</source>
        <translation>numpy.{0}（不是逐元素运算）</translation>
    </message>
    <message>
        <source>the rule turned an entry into an array</source>
        <translation>更新规则把一个元素变成了数组</translation>
    </message>
    <message>
        <source>the rule returned {0} slots, not {1}</source>
        <translation>更新规则返回了 {0} 个状态量，而不是 {1} 个</translation>
    </message>
    <message>
        <source>slot {0} is a number but the rule made it an array</source>
        <translation>状态量 {0} 是一个数，但更新规则把它变成了数组</translation>
    </message>
    <message>
        <source>compiling an optimizer rule needs numba, which does not import</source>
        <translation>编译优化器的更新规则需要 numba，但无法导入它</translation>
    </message>
    <message>
        <source>numba could not compile the loop: {0}</source>
        <translation>numba 无法编译这个循环：{0}</translation>
    </message>
    <message>
        <source>{0} does not support sparse gradients</source>
        <translation>{0} 不支持稀疏梯度</translation>
    </message>
    <message>
        <source>compare 1 to {0} settings, got {1}</source>
        <translation>可以比较 1 到 {0} 组设置，实为 {1}</translation>
    </message>
    <message>
        <source>settings {0} differ in {1} ({2} vs {3}): a comparison shares the layers</source>
        <translation>设置 {0} 在 {1} 上不同（{2} 与 {3}）：比较中的网络共用相同的层</translation>
    </message>
    <message>
        <source>settings {0} differ in {1} ({2} vs {3}): a comparison shares the data</source>
        <translation>设置 {0} 在 {1} 上不同（{2} 与 {3}）：比较中的网络共用相同的数据</translation>
    </message>
    <message>
        <source>settings {0} differ in {1} ({2} vs {3}): a comparison shares the train/test split</source>
        <translation>设置 {0} 在 {1} 上不同（{2} 与 {3}）：比较中的网络共用相同的训练/测试划分</translation>
    </message>
    <message>
        <source>settings {0} differ in {1} ({2} vs {3}): a comparison shares the initial weights</source>
        <translation>设置 {0} 在 {1} 上不同（{2} 与 {3}）：比较中的网络共用相同的初始权重</translation>
    </message>
    <message>
        <source>unknown data set {0}; valid: {1}</source>
        <translation>未知的数据集 {0}；可用：{1}</translation>
    </message>
    <message>
        <source>points must be a whole number from 2 to {0}, got {1}</source>
        <translation>点数必须是 2 到 {0} 之间的整数，实为 {1}</translation>
    </message>
    <message>
        <source>noise must be from 0 to {0}, got {1}</source>
        <translation>噪声必须在 0 到 {0} 之间，实为 {1}</translation>
    </message>
    <message>
        <source>{0} has {1} classes, got {2}</source>
        <translation>{0} 有 {1} 个类别，实为 {2}</translation>
    </message>
    <message>
        <source>train share must be between 0 and 1, got {0}</source>
        <translation>训练集比例必须在 0 和 1 之间，实为 {0}</translation>
    </message>
    <message>
        <source>keep fraction must be in (0, 1], got {0}</source>
        <translation>保留比例必须在 (0, 1] 之内，实为 {0}</translation>
    </message>
    <message>
        <source>class {0} has no points</source>
        <translation>类别 {0} 没有点</translation>
    </message>
    <message>
        <source>features: pick at least one</source>
        <translation>特征：至少选择一个</translation>
    </message>
    <message>
        <source>unknown feature {0}; valid: {1}</source>
        <translation>未知的特征 {0}；可用：{1}</translation>
    </message>
    <message>
        <source>features: {0} given twice</source>
        <translation>特征：{0} 给出了两次</translation>
    </message>
    <message>
        <source>work_seconds must be in (0, frame_seconds], got {0}</source>
        <translation>work_seconds 必须在 (0, frame_seconds] 之内，实为 {0}</translation>
    </message>
    <message>
        <source>{0} must be a whole number &gt;= 0, got {1}</source>
        <translation>{0} 必须是 &gt;= 0 的整数，实为 {1}</translation>
    </message>
    <message>
        <source>hidden: at most {0} layers, got {1}</source>
        <translation>隐藏层：最多 {0} 层，实为 {1}</translation>
    </message>
    <message>
        <source>hidden: a layer has 1 to {0} units, got {1}</source>
        <translation>隐藏层：每层有 1 到 {0} 个神经元，实为 {1}</translation>
    </message>
    <message>
        <source>batch size must be a whole number &gt;= 1, got {0}</source>
        <translation>批量大小必须是 &gt;= 1 的整数，实为 {0}</translation>
    </message>
    <message>
        <source>{0} must be a number {1}, got {2}</source>
        <translation>{0} 必须是 {1} 的数，实为 {2}</translation>
    </message>
    <message>
        <source>{0} must be a number from {1} to {2}, got {3}</source>
        <translation>{0} 必须是 {1} 到 {2} 之间的数，实为 {3}</translation>
    </message>
    <message>
        <source>{0} must be {1} numbers or {2}, got {3}</source>
        <translation>{0} 必须是 {1} 个数或 {2}，实为 {3}</translation>
    </message>
    <message>
        <source>{0} needs one number per class ({1}), got {2}</source>
        <translation>{0} 需要每个类别一个数（{1} 个），实为 {2}</translation>
    </message>
    <message>
        <source>data: labels must be whole numbers, got dtype {0}</source>
        <translation>数据：标签必须是整数，实际 dtype 为 {0}</translation>
    </message>
    <message>
        <source>data: need at least 2 points with one label each, got {0} and {1}</source>
        <translation>数据：至少需要 2 个点，每个点一个标签，实为 {0} 个点和 {1} 个标签</translation>
    </message>
    <message>
        <source>data: every coordinate must be finite</source>
        <translation>数据：每个坐标都必须是有限数</translation>
    </message>
    <message>
        <source>data: labels must be 0..{0}, got {1}..{2}</source>
        <translation>数据：标签必须在 0..{0} 之内，实为 {1}..{2}</translation>
    </message>
    <message>
        <source>initial weights do not fit the layers {0}</source>
        <translation>初始权重与层结构 {0} 不匹配</translation>
    </message>
    <message>
        <source>momentum_rate needs at least one eigenvalue</source>
        <translation>momentum_rate 至少需要一个特征值</translation>
    </message>
    <message>
        <source>lr and momentum must be &gt;= 0, got lr={0}, momentum={1}</source>
        <translation>学习率 lr 和动量系数 momentum 必须 &gt;= 0，实为 lr={0}，momentum={1}</translation>
    </message>
    <message>
        <source>no optimal momentum: the smallest eigenvalue is {0} &lt;= 0 (not convex)</source>
        <translation>没有最优动量系数：最小特征值为 {0} &lt;= 0（非凸）</translation>
    </message>
    <message>
        <source>need at least one eigenvalue</source>
        <translation>至少需要一个特征值</translation>
    </message>
    <message>
        <source>a race needs at least one optimizer</source>
        <translation>竞赛至少需要一个优化器</translation>
    </message>
    <message>
        <source>got {0} labels for {1} optimizers</source>
        <translation>{1} 个优化器却有 {0} 个名称</translation>
    </message>
    <message>
        <source>smoothing weight must be in [0, 1), got {0}</source>
        <translation>平滑权重必须在 [0, 1) 之内，实为 {0}</translation>
    </message>
    <message>
        <source>formula is nested too deeply (more than {0} levels) (column {1})</source>
        <translation>公式嵌套太深（超过 {0} 层）（第 {1} 列）</translation>
    </message>
    <message>
        <source>name {0} is not allowed; use x, y, pi, e (column {1})</source>
        <translation>不允许使用名称 {0}；可用 x、y、pi、e（第 {1} 列）</translation>
    </message>
    <message>
        <source>operator {0} is not allowed (column {1})</source>
        <translation>不允许使用运算符 {0}（第 {1} 列）</translation>
    </message>
    <message>
        <source>attribute access &apos;.{0}&apos; is not allowed (column {1})</source>
        <translation>不允许访问属性 &apos;.{0}&apos;（第 {1} 列）</translation>
    </message>
    <message>
        <source>subscripts are not allowed (column {0})</source>
        <translation>不允许使用下标（第 {0} 列）</translation>
    </message>
    <message>
        <source>lambda is not allowed (column {0})</source>
        <translation>不允许使用 lambda（第 {0} 列）</translation>
    </message>
    <message>
        <source>strings are not allowed (f-string) (column {0})</source>
        <translation>不允许使用字符串 (f-string)（第 {0} 列）</translation>
    </message>
    <message>
        <source>comprehensions are not allowed (column {0})</source>
        <translation>不允许使用推导式（第 {0} 列）</translation>
    </message>
    <message>
        <source>conditional expressions (if/else) are not allowed (column {0})</source>
        <translation>不允许使用条件表达式 (if/else)（第 {0} 列）</translation>
    </message>
    <message>
        <source>comparisons are not allowed (column {0})</source>
        <translation>不允许使用比较（第 {0} 列）</translation>
    </message>
    <message>
        <source>&apos;and&apos;/&apos;or&apos; are not allowed (column {0})</source>
        <translation>不允许使用 &apos;and&apos;/&apos;or&apos;（第 {0} 列）</translation>
    </message>
    <message>
        <source>assignment (:=) is not allowed (column {0})</source>
        <translation>不允许赋值 (:=)（第 {0} 列）</translation>
    </message>
    <message>
        <source>tuples are not allowed (column {0})</source>
        <translation>不允许使用元组（第 {0} 列）</translation>
    </message>
    <message>
        <source>lists are not allowed (column {0})</source>
        <translation>不允许使用列表（第 {0} 列）</translation>
    </message>
    <message>
        <source>sets are not allowed (column {0})</source>
        <translation>不允许使用集合（第 {0} 列）</translation>
    </message>
    <message>
        <source>dictionaries are not allowed (column {0})</source>
        <translation>不允许使用字典（第 {0} 列）</translation>
    </message>
    <message>
        <source>starred arguments are not allowed (column {0})</source>
        <translation>不允许使用带星号的参数（第 {0} 列）</translation>
    </message>
    <message>
        <source>{0} is not allowed in a formula (column {1})</source>
        <translation>公式中不允许使用 {0}（第 {1} 列）</translation>
    </message>
    <message>
        <source>strings are not allowed (column {0})</source>
        <translation>不允许使用字符串（第 {0} 列）</translation>
    </message>
    <message>
        <source>{0} is not allowed (column {1}); only real numbers</source>
        <translation>不允许使用 {0}（第 {1} 列）；只能用实数</translation>
    </message>
    <message>
        <source>number {0} is too large (column {1}) (at most {2})</source>
        <translation>数 {0} 太大（第 {1} 列）（最大为 {2}）</translation>
    </message>
    <message>
        <source>operator {0} is not allowed (column {1}); use ** for powers</source>
        <translation>不允许使用运算符 {0}（第 {1} 列）；乘方请用 **</translation>
    </message>
    <message>
        <source>exponent {0} is too large (column {1}) (at most {2})</source>
        <translation>指数 {0} 太大（第 {1} 列）（最大为 {2}）</translation>
    </message>
    <message>
        <source>nested powers multiply to an exponent of {0}, too large (column {1}) (at most {2})</source>
        <translation>嵌套的乘方相乘得到指数 {0}，太大（第 {1} 列）（最大为 {2}）</translation>
    </message>
    <message>
        <source>division by zero (column {0})</source>
        <translation>除以零（第 {0} 列）</translation>
    </message>
    <message>
        <source>value of {0} is too large (column {1})</source>
        <translation>{0} 的值太大（第 {1} 列）</translation>
    </message>
    <message>
        <source>{0} is not defined ({1}) (column {2})</source>
        <translation>{0} 无定义（{1}）（第 {2} 列）</translation>
    </message>
    <message>
        <source>value of {0} is too small (column {1})</source>
        <translation>{0} 的值太小（第 {1} 列）</translation>
    </message>
    <message>
        <source>only function names can be called, like sin(x) (column {0})</source>
        <translation>只能调用函数名，例如 sin(x)（第 {0} 列）</translation>
    </message>
    <message>
        <source>function {0} is not allowed (column {1}); use one of: {2}</source>
        <translation>不允许使用函数 {0}（第 {1} 列）；可用：{2}</translation>
    </message>
    <message>
        <source>keyword arguments are not allowed (column {0}): write {1}(...) with one value</source>
        <translation>不允许使用关键字参数（第 {0} 列）：请写成只有一个值的 {1}(...)</translation>
    </message>
    <message>
        <source>{0} takes 1 argument, got {1} (column {2})</source>
        <translation>{0} 只接受 1 个参数，实为 {1} 个（第 {2} 列）</translation>
    </message>
    <message>
        <source>a formula must be text, got {0}</source>
        <translation>公式必须是文本，实为 {0}</translation>
    </message>
    <message>
        <source>formula is too long ({0} characters; at most {1})</source>
        <translation>公式太长（{0} 个字符；最多 {1} 个）</translation>
    </message>
    <message>
        <source>formula is empty; type an expression in x and y, e.g. x**2 + y**2</source>
        <translation>公式为空；请输入一个关于 x 和 y 的表达式，例如 x**2 + y**2</translation>
    </message>
    <message>
        <source>not a valid formula: {0}</source>
        <translation>不是有效的公式：{0}</translation>
    </message>
    <message>
        <source>not a valid formula: {0} (column {1})</source>
        <translation>不是有效的公式：{0}（第 {1} 列）</translation>
    </message>
    <message>
        <source>formula is nested too deeply</source>
        <translation>公式嵌套太深</translation>
    </message>
    <message>
        <source>formula is too large ({0} parts; at most {1})</source>
        <translation>公式太大（{0} 个部分；最多 {1} 个）</translation>
    </message>
    <message>
        <source>{0} is not allowed in a formula</source>
        <translation>公式中不允许使用 {0}</translation>
    </message>
    <message>
        <source>formula is nested too deeply to differentiate; nest fewer functions</source>
        <translation>公式嵌套太深，无法求导；请减少函数的嵌套</translation>
    </message>
    <message>
        <source>cannot use f(x, y) = {0}: {1}</source>
        <translation>无法使用 f(x, y) = {0}：{1}</translation>
    </message>
    <message>
        <source>f(x, y) = {0} is undefined everywhere (it simplifies to a division by zero or an infinity)</source>
        <translation>f(x, y) = {0} 处处无定义（化简后是除以零或无穷大）</translation>
    </message>
    <message>
        <source>f(x, y) = {0} takes complex values (a square root or log of a negative number)</source>
        <translation>f(x, y) = {0} 取复数值（对负数开平方或取对数）</translation>
    </message>
    <message>
        <source>the gradient of f(x, y) = {0} is undefined everywhere</source>
        <translation>f(x, y) = {0} 的梯度处处无定义</translation>
    </message>
    <message>
        <source>the gradient is too large to differentiate again quickly</source>
        <translation>梯度表达式太大，无法很快再次求导</translation>
    </message>
    <message>
        <source>f(x, y) = {0} is not finite anywhere in x ∈ [{1}, {2}], y ∈ [{3}, {4}] (at least {5}% needed to draw and race on it)</source>
        <translation>f(x, y) = {0} 在 x ∈ [{1}, {2}]、y ∈ [{3}, {4}] 内处处不是有限值（至少需要 {5}% 才能绘制并在其上竞赛）</translation>
    </message>
    <message>
        <source>f(x, y) = {0} is finite on only {1}% of x ∈ [{2}, {3}], y ∈ [{4}, {5}] (at least {6}% needed to draw and race on it)</source>
        <translation>f(x, y) = {0} 只在 x ∈ [{2}, {3}]、y ∈ [{4}, {5}] 的 {1}% 范围内取有限值（至少需要 {6}% 才能绘制并在其上竞赛）</translation>
    </message>
    <message>
        <source>bounds must be four numbers (xmin, xmax, ymin, ymax), got {0}</source>
        <translation>范围必须是四个数 (xmin, xmax, ymin, ymax)，实为 {0}</translation>
    </message>
    <message>
        <source>bounds must be finite with xmin &lt; xmax and ymin &lt; ymax, got {0}</source>
        <translation>范围必须是有限数，且 xmin &lt; xmax、ymin &lt; ymax，实为 {0}</translation>
    </message>
    <message>
        <source>surface {0}: gamma must be a number &gt;= 0 (as in &apos;logistic_focal:gamma=0.5&apos;)</source>
        <translation>曲面 {0}：gamma 必须是 &gt;= 0 的数（如 &apos;logistic_focal:gamma=0.5&apos;）</translation>
    </message>
    <message>
        <source>unknown surface {0}; known: {1}</source>
        <translation>未知的曲面 {0}；已有：{1}</translation>
    </message>
    <message>
        <source>surface {0}: bounds must be finite, got {1}</source>
        <translation>曲面 {0}：范围必须是有限数，实为 {1}</translation>
    </message>
    <message>
        <source>surface {0}: bounds must be (xmin &lt; xmax, ymin &lt; ymax), got {1}</source>
        <translation>曲面 {0}：范围必须满足 (xmin &lt; xmax, ymin &lt; ymax)，实为 {1}</translation>
    </message>
</context>
<context>
    <name>Dialog</name>
    <message>
        <source>The race stopped</source>
        <translation>竞赛已停止</translation>
    </message>
    <message>
        <source>Cannot open this scenario</source>
        <translation>无法打开此场景</translation>
    </message>
    <message>
        <source>Cannot save this scenario</source>
        <translation>无法保存此场景</translation>
    </message>
    <message>
        <source>This surface came from the Explorer and has no formula to save.</source>
        <translation>此曲面来自“探索器”，没有可保存的公式。</translation>
    </message>
    <message>
        <source>Open scenario</source>
        <translation>打开场景</translation>
    </message>
    <message>
        <source>GradLab scenario (*.json)</source>
        <translation>GradLab 场景 (*.json)</translation>
    </message>
    <message>
        <source>Save scenario</source>
        <translation>保存场景</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>无法导出</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>SVG image (*.svg)</source>
        <translation>SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>CSV table (*.csv)</source>
        <translation>CSV 表格 (*.csv)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Replace file?</source>
        <translation>替换文件？</translation>
    </message>
    <message>
        <source>{path} already exists. Replace it?</source>
        <translation>{path} 已存在。要替换它吗？</translation>
    </message>
    <message>
        <source>Qt could not write the image</source>
        <translation>Qt 无法写入该图像</translation>
    </message>
    <message>
        <source>Look in:</source>
        <translation>查找范围：</translation>
    </message>
    <message>
        <source>File name:</source>
        <translation>文件名：</translation>
    </message>
    <message>
        <source>Files of type:</source>
        <translation>文件类型：</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>选择</translation>
    </message>
</context>
<context>
    <name>ExplorerActivations</name>
    <message>
        <source>Activation functions</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Shade where f&apos; ≈ 0 (|f&apos;| &lt; {limit})</source>
        <translation>标出 f&apos; ≈ 0 的区域（|f&apos;| &lt; {limit}）</translation>
    </message>
    <message>
        <source>Each shown function shades its own band of the f&apos; plot, in legend order. Light fill: saturated, the gradient is nearly 0. Hatched: dead, exactly 0. Backprop multiplies by f&apos;(z) at every layer (δ = Wᵀδ ⊙ f&apos;(z)), so a unit sitting there learns slowly or not at all.</source>
        <translation>每个显示的函数在 f&apos; 图中各占一条横带，顺序与图例相同。浅色填充：饱和区，梯度接近 0。斜线阴影：死区，梯度恰好为 0。反向传播在每一层都要乘以 f&apos;(z)（δ = Wᵀδ ⊙ f&apos;(z)），所以落在这些区域的神经元学得很慢，甚至完全学不动。</translation>
    </message>
    <message>
        <source>Activation  f(x)</source>
        <translation>激活函数  f(x)</translation>
    </message>
    <message>
        <source>Derivative  f&apos;(x)</source>
        <translation>导数  f&apos;(x)</translation>
    </message>
    <message>
        <source>Hover over a plot to read x, f(x), f&apos;(x).</source>
        <translation>把鼠标停在图上，即可读出 x、f(x) 和 f&apos;(x) 的值。</translation>
    </message>
    <message>
        <source>{name}: dead (f&apos; = 0)</source>
        <translation>{name}：死区（f&apos; = 0）</translation>
    </message>
    <message>
        <source>{name}: saturated (|f&apos;| &lt; {limit})</source>
        <translation>{name}：饱和区（|f&apos;| &lt; {limit}）</translation>
    </message>
    <message>
        <source>{name}: f = {f}, f′ = {df}</source>
        <translation>{name}：f = {f}，f′ = {df}</translation>
    </message>
</context>
<context>
    <name>ExplorerGradcheck</name>
    <message>
        <source>No bug: the textbook equations</source>
        <translation>没有错误：教科书上的公式</translation>
    </message>
    <message>
        <source>Forgot ⊙ f′(z⁽ˡ⁾) in δ⁽ˡ⁾</source>
        <translation>δ⁽ˡ⁾ 中漏乘了 ⊙ f′(z⁽ˡ⁾)</translation>
    </message>
    <message>
        <source>∂C/∂b = mean of δ instead of sum</source>
        <translation>∂C/∂b 对 δ 取了平均，而不是求和</translation>
    </message>
    <message>
        <source>∂C/∂W = a δᵀ reshaped, not δ aᵀ</source>
        <translation>∂C/∂W 用 a δᵀ 变形得到，而不是 δ aᵀ</translation>
    </message>
    <message>
        <source>number of outputs</source>
        <translation>输出的个数</translation>
    </message>
    <message>
        <source>Forward, layer by layer:
  z⁽ˡ⁾ = W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾
  a⁽ˡ⁾ = f(z⁽ˡ⁾)  (output layer L: linear)
Backward, from the output:
  {output_delta}
  δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ f′(z⁽ˡ⁾)
  ∂C/∂W⁽ˡ⁾ = δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ
  ∂C/∂b⁽ˡ⁾ = δ⁽ˡ⁾
  (both averaged over the samples i)
Check each entry θₖ:
  ĝₖ = [C(θ + εeₖ) − C(θ − εeₖ)] / 2ε
  error = ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖)</source>
        <translation>前向传播，逐层计算：
  z⁽ˡ⁾ = W⁽ˡ⁾ a⁽ˡ⁻¹⁾ + b⁽ˡ⁾
  a⁽ˡ⁾ = f(z⁽ˡ⁾)（输出层 L 为线性）
反向传播，从输出层开始：
  {output_delta}
  δ⁽ˡ⁾ = (W⁽ˡ⁺¹⁾)ᵀ δ⁽ˡ⁺¹⁾ ⊙ f′(z⁽ˡ⁾)
  ∂C/∂W⁽ˡ⁾ = δ⁽ˡ⁾ (a⁽ˡ⁻¹⁾)ᵀ
  ∂C/∂b⁽ˡ⁾ = δ⁽ˡ⁾
  （两者都对样本 i 取平均）
逐个检验每个分量 θₖ：
  ĝₖ = [C(θ + εeₖ) − C(θ − εeₖ)] / 2ε
  相对误差 = ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖)</translation>
    </message>
    <message>
        <source>Hand-written backpropagation</source>
        <translation>手写的反向传播</translation>
    </message>
    <message>
        <source>A {sizes} network on {samples} random samples, in float64. Its gradient from backprop is compared with finite differences, entry by entry.</source>
        <translation>一个 {sizes} 的网络，在 {samples} 个随机样本上用 64 位浮点数计算。把反向传播求出的梯度与有限差分逐个分量地比较。</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Plant a bug</source>
        <translation>植入错误</translation>
    </message>
    <message>
        <source>Check my gradients</source>
        <translation>检验梯度</translation>
    </message>
    <message>
        <source>Every entry: finite difference ĝₖ against backprop gₖ</source>
        <translation>每个分量：有限差分 ĝₖ 对比反向传播 gₖ</translation>
    </message>
    <message>
        <source>finite difference ĝₖ</source>
        <translation>有限差分 ĝₖ</translation>
    </message>
    <message>
        <source>backprop gₖ</source>
        <translation>反向传播 gₖ</translation>
    </message>
    <message>
        <source>Press &lt;b&gt;{button}&lt;/b&gt;.</source>
        <translation>请点击 &lt;b&gt;{button}&lt;/b&gt;。</translation>
    </message>
    <message>
        <source>✔ backprop agrees with finite differences</source>
        <translation>✔ 反向传播与有限差分一致</translation>
    </message>
    <message>
        <source>✘ backprop is wrong somewhere</source>
        <translation>✘ 反向传播有地方算错了</translation>
    </message>
    <message>
        <source>Relative error &lt;b&gt;{error}&lt;/b&gt; over {n} parameters (tolerance {tolerance})</source>
        <translation>{n} 个参数的相对误差为 &lt;b&gt;{error}&lt;/b&gt;（容差 {tolerance}）</translation>
    </message>
</context>
<context>
    <name>ExplorerLosses</name>
    <message>
        <source>∂L/∂zₜ  (what backprop sends)</source>
        <translation>∂L/∂zₜ（反向传播传回的梯度）</translation>
    </message>
    <message>
        <source>One sample of true class t</source>
        <translation>真实类别为 t 的一个样本</translation>
    </message>
    <message>
        <source>The model gives the true class probability p; the other classes share 1 − p evenly. The curves are the loss of that one sample as p goes from wrong (0) to right (1).</source>
        <translation>模型给真实类别的概率为 p，其余类别平分 1 − p。曲线画的是这一个样本的损失，p 从完全错误（0）变到完全正确（1）。</translation>
    </message>
    <message>
        <source>Lower plot</source>
        <translation>下方的图</translation>
    </message>
    <message>
        <source>Loss of the sample</source>
        <translation>该样本的损失</translation>
    </message>
    <message>
        <source>p = predicted probability of the true class</source>
        <translation>p = 真实类别的预测概率</translation>
    </message>
    <message>
        <source>{loss}, {n} classes</source>
        <translation>{loss}，{n} 个类别</translation>
    </message>
    <message>
        <source>{loss}, wₜ = {w}</source>
        <translation>{loss}，wₜ = {w}</translation>
    </message>
    <message>
        <source>{loss}, γ = {gamma}, α = {alpha}</source>
        <translation>{loss}，γ = {gamma}，α = {alpha}</translation>
    </message>
    <message>
        <source>Slope  {slope}</source>
        <translation>斜率  {slope}</translation>
    </message>
    <message>
        <source>confident and wrong (p = {p}):
MSE {mse}, CE {ce}</source>
        <translation>很有把握地答错（p = {p}）：
均方误差 {mse}，交叉熵 {ce}</translation>
    </message>
    <message>
        <source>easy sample:
focal is {ratio} × CE</source>
        <translation>易分样本：
焦点损失 = {ratio} × 交叉熵</translation>
    </message>
    <message>
        <source>&lt;b&gt;Confident and wrong&lt;/b&gt; (p = {p}): backprop sends ∂L/∂zₜ = {d_ce} for cross-entropy (p − 1) but only {d_mse} for MSE on softmax. Its slope is multiplied by the softmax&apos;s p(1 − p), which vanishes as p → 0, so the sample that most needs fixing barely moves.</source>
        <translation>&lt;b&gt;很有把握地答错&lt;/b&gt;（p = {p}）：对交叉熵，反向传播传回 ∂L/∂zₜ = {d_ce}（即 p − 1）；对 Softmax 输出的均方误差却只有 {d_mse}。后者的斜率要乘上 Softmax 的 p(1 − p)，而 p → 0 时这个因子趋于 0，于是最需要纠正的样本几乎不动。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Easy&lt;/b&gt; (p = {p}): focal loss multiplies cross-entropy by α(1 − p)ᵞ = {ratio} (γ = {gamma}): {l_focal} instead of {l_ce}. Easy samples stop contributing, hard ones dominate the gradient. With γ = 0 and α = 1 focal loss is exactly cross-entropy.</source>
        <translation>&lt;b&gt;易分样本&lt;/b&gt;（p = {p}）：焦点损失把交叉熵乘以 α(1 − p)ᵞ = {ratio}（γ = {gamma}），得到 {l_focal}，而不是 {l_ce}。易分样本几乎不再起作用，梯度由难分样本主导。当 γ = 0 且 α = 1 时，焦点损失就是交叉熵。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Weighted&lt;/b&gt;: the class weight wₜ scales this sample&apos;s loss and gradient (wₜ = {w}) against classes of weight 1.</source>
        <translation>&lt;b&gt;加权&lt;/b&gt;：类别权重 wₜ（此处 wₜ = {w}）把这个样本的损失和梯度按比例放大或缩小，权重为 1 的类别则保持不变。</translation>
    </message>
</context>
<context>
    <name>ExplorerSurface</name>
    <message>
        <source>MSE on sigmoid</source>
        <translation>Sigmoid 输出的均方误差</translation>
    </message>
    <message>
        <source>Not convex, with plateaus: σ′(s) = p(1 − p) vanishes wherever the model is confidently right or confidently wrong, and so does the gradient. From the start (−4, 3), the weight&apos;s sign wrong, SGD and Momentum barely move, while RMSprop and Adam, which divide by the gradient&apos;s size, reach the minimum.</source>
        <translation>非凸，而且有平台：只要模型很有把握地答对或答错，σ′(s) = p(1 − p) 就趋于 0，梯度也随之消失。从起点 (−4, 3) 出发（权重的符号是错的），SGD 和动量法几乎不动；而 RMSprop 和 Adam 会除以梯度的大小，因而能到达最小值点。</translation>
    </message>
    <message>
        <source>Convex: one valley, and the gradient (p − t) x stays large exactly where the model is confidently wrong: from the same start as on MSE, |∇L| is over 100 times larger and SGD gets moving.</source>
        <translation>凸函数：只有一个山谷，而且恰恰在模型很有把握却答错的地方，梯度 (p − t) x 仍然很大：从与均方误差相同的起点出发，|∇L| 要大 100 多倍，SGD 也就动起来了。</translation>
    </message>
    <message>
        <source>Cross-entropy with each point scaled by (1 − qᵢ)ᵞ: points the model already gets right stop pulling, so the minimum sits at a smaller weight (w ≈ 0.45, against 1.12 for cross-entropy): a less confident model.</source>
        <translation>在交叉熵的基础上，每个点再乘以 (1 − qᵢ)ᵞ：模型已经判对的点不再拉动参数，所以最小值点落在更小的权重处（w ≈ 0.45，交叉熵则为 1.12）：得到一个不那么自信的模型。</translation>
    </message>
    <message>
        <source>Logistic regression  p = σ(w x + b)</source>
        <translation>逻辑回归  p = σ(w x + b)</translation>
    </message>
    <message>
        <source>Two parameters, so the loss is a surface you can see. Pick the loss; click the surface to try a (w, b).</source>
        <translation>只有两个参数，所以损失是一个看得见的曲面。选一个损失函数；点击曲面，试试某一组 (w, b)。</translation>
    </message>
    <message>
        <source>focal γ</source>
        <translation>聚焦参数 γ</translation>
    </message>
    <message>
        <source>Race on this surface</source>
        <translation>在这个曲面上竞赛</translation>
    </message>
    <message>
        <source>Open this loss surface in the optimizer race, starting at the red point</source>
        <translation>在优化器竞赛中打开这个损失曲面，从红点出发</translation>
    </message>
    <message>
        <source>Data (dots) and the model σ(w x + b)</source>
        <translation>数据（圆点）与模型 σ(w x + b)</translation>
    </message>
    <message>
        <source>w (weight)</source>
        <translation>w（权重）</translation>
    </message>
    <message>
        <source>b (bias)</source>
        <translation>b（偏置）</translation>
    </message>
    <message>
        <source>Minimum (white star): w = {w}, b = {b}.</source>
        <translation>最小值（白色星标）：w = {w}，b = {b}。</translation>
    </message>
    <message>
        <source>At w = {w}, b = {b}:  L = {value}</source>
        <translation>在 w = {w}，b = {b} 处：L = {value}</translation>
    </message>
</context>
<context>
    <name>ExplorerTab</name>
    <message>
        <source>Activations</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Loss surface of a model</source>
        <translation>模型的损失曲面</translation>
    </message>
    <message>
        <source>Check my gradients</source>
        <translation>梯度检验</translation>
    </message>
</context>
<context>
    <name>Help</name>
    <message>
        <source>&lt;p&gt;Several optimizers descend the same 2-D surface f(x, y) from the same start.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Pick a surface (or type a formula in x and y and press Enter), or open a teaching scenario from the &lt;b&gt;Scenarios&lt;/b&gt; menu: the right-hand panel says what to watch for.&lt;/li&gt;&lt;li&gt;Click or drag the ✛ on the surface to move the start.&lt;/li&gt;&lt;li&gt;Add, remove and tune optimizers on the left (learning rate η, momentum, β₁, β₂, ε); untick a card to hide its path.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Space&lt;/b&gt; runs and pauses, &lt;b&gt;Right&lt;/b&gt; steps once, &lt;b&gt;Left&lt;/b&gt; steps back through the recorded history, &lt;b&gt;R&lt;/b&gt; resets to step 0 (not while typing in a field). The slider scrubs through the history.&lt;/li&gt;&lt;li&gt;The table and the curves give each racer&apos;s f, |∇f| and distance; &lt;b&gt;File → Export&lt;/b&gt; saves the view or the trajectories.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;几个优化器从同一起点出发，沿同一个二维曲面 f(x, y) 下降。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;选择一个曲面（或输入一个关于 x 和 y 的公式并按回车），或从&lt;b&gt;场景&lt;/b&gt;菜单打开一个教学场景：右侧面板会告诉你要注意观察什么。&lt;/li&gt;&lt;li&gt;在曲面上点击或拖动 ✛ 来移动起点。&lt;/li&gt;&lt;li&gt;在左侧添加、删除和调节优化器（学习率 η、动量、β₁、β₂、ε）；取消勾选一张卡片即可隐藏它的路径。&lt;/li&gt;&lt;li&gt;&lt;b&gt;空格键&lt;/b&gt;运行和暂停，&lt;b&gt;右方向键&lt;/b&gt;前进一步，&lt;b&gt;左方向键&lt;/b&gt;在记录下的历史中后退一步，&lt;b&gt;R&lt;/b&gt; 键重置到第 0 步（在输入框中打字时无效）。拖动滑块可以在历史中来回查看。&lt;/li&gt;&lt;li&gt;表格和曲线给出每个参赛者的 f、|∇f| 和距离；&lt;b&gt;文件 → 导出&lt;/b&gt;可保存视图或轨迹。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Train the same small network on handwritten digits with different settings and compare the runs.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Point the data panel at a folder with the four MNIST files, or download them (about 11 MB).&lt;/li&gt;&lt;li&gt;Choose optimizer, learning rate, loss, activation, batch size and epochs, then &lt;b&gt;Add to queue&lt;/b&gt;; &lt;b&gt;Start&lt;/b&gt; trains the queue one run after another (same seed: same start and same batches).&lt;/li&gt;&lt;li&gt;Every run is scored on the same test measure; hover over a plot for each run&apos;s values. Save runs to compare them in a later session.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;用不同的设置在手写数字上训练同一个小网络，并比较各次训练。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;让数据面板指向一个包含四个 MNIST 文件的文件夹，或者直接下载（约 11 MB）。&lt;/li&gt;&lt;li&gt;选择优化器、学习率、损失函数、激活函数、批量大小和训练轮数，然后点击&lt;b&gt;加入队列&lt;/b&gt;；&lt;b&gt;开始&lt;/b&gt;会依次训练队列中的每一项（相同的随机种子：相同的初始值和相同的批次）。&lt;/li&gt;&lt;li&gt;每次训练都用同一个测试指标评分；把鼠标悬停在图上可查看每次训练的数值。保存训练结果，以后可以再拿来比较。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Look at the pieces a network is made of.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Activations&lt;/b&gt;: each function and its derivative.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Losses&lt;/b&gt;: each loss and its gradient as the prediction moves.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Gradient check&lt;/b&gt;: backpropagation against finite differences, with planted bugs to find.&lt;/li&gt;&lt;li&gt;A model&apos;s loss surface can be sent to the Optimizer race.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;看看网络是由哪些部件组成的。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;激活函数&lt;/b&gt;：每个函数及其导数。&lt;/li&gt;&lt;li&gt;&lt;b&gt;损失函数&lt;/b&gt;：预测值变化时，每个损失及其梯度。&lt;/li&gt;&lt;li&gt;&lt;b&gt;梯度检验&lt;/b&gt;：把反向传播与有限差分对比，里面埋了一些错误等你找出来。&lt;/li&gt;&lt;li&gt;模型的损失曲面可以送到“优化器竞赛”里。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;Watch one backpropagation, number by number.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;Small network&lt;/b&gt;: Right steps through the forward and backward pass, Left steps back, Space plays; click a unit or a weight for its numbers (z, a, δ, ∂C/∂w).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Real network&lt;/b&gt;: draw a digit (or pick a test digit) and see the 784-512-256-10 network&apos;s activations, δ and saliency.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;一个数一个数地观看一次反向传播。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;&lt;b&gt;小网络&lt;/b&gt;：右方向键逐步执行前向传播和反向传播，左方向键后退，空格键播放；点击神经元或权重查看它的数值（z、a、δ、∂C/∂w）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;真实网络&lt;/b&gt;：手写一个数字（或选一个测试集里的数字），查看 784-512-256-10 网络的激活值、δ 和显著图。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;A small network learns 2-D points live (as in TensorFlow Playground).&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Pick a data set, noise, training share and seed; &lt;b&gt;Regenerate&lt;/b&gt; draws new points. Click the plane to add a point of the chosen class; right-click (or Shift+click) removes the nearest.&lt;/li&gt;&lt;li&gt;Tick input features, add or remove hidden layers and units with − and +, pick the activation, loss, optimizer, learning rate (it changes while training), batch size and L2.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Play&lt;/b&gt; trains, &lt;b&gt;Step&lt;/b&gt; trains one epoch, &lt;b&gt;Reset&lt;/b&gt; returns to the same initial weights, &lt;b&gt;New weights&lt;/b&gt; draws others.&lt;/li&gt;&lt;li&gt;Hover a unit of the diagram to see its output large; hover an edge for w and ∂C/∂w.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Compare&lt;/b&gt;: 2 to 4 settings from the same weights on the same data, side by side, their loss curves overlaid.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;一个小网络实时学习二维平面上的点（就像 TensorFlow Playground）。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;选择数据集、噪声、训练集比例和随机种子；&lt;b&gt;重新生成&lt;/b&gt;会抽取一组新的点。点击平面可添加一个所选类别的点；右键（或 Shift+点击）删除最近的点。&lt;/li&gt;&lt;li&gt;勾选输入特征，用 − 和 + 增删隐藏层和神经元，选择激活函数、损失函数、优化器、学习率（训练中也能改）、批量大小和 L2 正则化。&lt;/li&gt;&lt;li&gt;&lt;b&gt;播放&lt;/b&gt;开始训练，&lt;b&gt;单步&lt;/b&gt;训练一轮，&lt;b&gt;重置&lt;/b&gt;回到同样的初始权重，&lt;b&gt;新权重&lt;/b&gt;重新随机抽取权重。&lt;/li&gt;&lt;li&gt;把鼠标悬停在网络图的神经元上可放大查看它的输出；悬停在连线上可查看 w 和 ∂C/∂w。&lt;/li&gt;&lt;li&gt;&lt;b&gt;比较&lt;/b&gt;：2 到 4 组设置从相同的权重出发、在相同的数据上并排训练，损失曲线叠在一起。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;The loss of the real MNIST network around the weights the MNIST tab trained (Li et al. 2018; Goodfellow et al. 2015).&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Tick runs in the list (the MNIST tab&apos;s finished or stopped runs; &lt;b&gt;Load run…&lt;/b&gt; adds a saved one).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Line&lt;/b&gt;: loss and accuracy from the shared start θ₀ (α = 0) to each run&apos;s final weights (α = 1). &lt;b&gt;Random plane&lt;/b&gt;: around one run&apos;s final weights along two filter-normalised random directions. &lt;b&gt;Plane of two runs&lt;/b&gt;: through θ₀ and two runs&apos; finals, with every path. &lt;b&gt;PCA plane&lt;/b&gt;: one run&apos;s path in the plane where it varies most (not for comparing optimizers).&lt;/li&gt;&lt;li&gt;&lt;b&gt;Compute&lt;/b&gt; fills the grid coarse first; &lt;b&gt;Cancel&lt;/b&gt; stops within a row. Hover the map for the loss there; &lt;b&gt;3-D surface&lt;/b&gt; shows the same grid in 3-D.&lt;/li&gt;&lt;/ul&gt;</source>
        <translation>&lt;p&gt;真实 MNIST 网络在 MNIST 标签页训练出的权重附近的损失（Li et al. 2018；Goodfellow et al. 2015）。&lt;/p&gt;&lt;ul&gt;&lt;li&gt;在列表中勾选训练（MNIST 标签页中已完成或已停止的训练；&lt;b&gt;加载训练记录…&lt;/b&gt;可添加一份已保存的训练记录）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;直线&lt;/b&gt;：从共同的起点 θ₀（α = 0）到每次训练的最终权重（α = 1）之间的损失和准确率。&lt;b&gt;随机平面&lt;/b&gt;：在某次训练的最终权重附近，沿两个按滤波器归一化的随机方向展开。&lt;b&gt;两次训练的平面&lt;/b&gt;：经过 θ₀ 和两次训练的最终权重，并画出每条路径。&lt;b&gt;PCA 平面&lt;/b&gt;：某次训练的路径所在的、变化最大的平面（不适合用来比较优化器）。&lt;/li&gt;&lt;li&gt;&lt;b&gt;计算&lt;/b&gt;先粗后细地填满网格；&lt;b&gt;取消&lt;/b&gt;会在当前一行内停止。把鼠标悬停在图上查看该处的损失；&lt;b&gt;三维曲面&lt;/b&gt;以三维方式显示同一个网格。&lt;/li&gt;&lt;/ul&gt;</translation>
    </message>
    <message>
        <source>{tab} tab</source>
        <translation>“{tab}”标签页</translation>
    </message>
    <message>
        <source>(a key of this tab)</source>
        <translation>（此标签页的按键）</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>位置</translation>
    </message>
    <message>
        <source>What</source>
        <translation>功能</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <source>A tab&apos;s keys work while that tab is shown, except while a text field or number field has the keyboard focus (there, keys type). Tabs not opened yet in this session add their keys once opened.</source>
        <translation>标签页的按键只在该标签页显示时有效；文本框或数字框获得键盘焦点时除外（此时按键用于输入）。本次运行中还没打开过的标签页，打开后才会列出它们的按键。</translation>
    </message>
    <message>
        <source>How to use each tab</source>
        <translation>各标签页使用说明</translation>
    </message>
    <message>
        <source>(not installed)</source>
        <translation>（未安装）</translation>
    </message>
    <message>
        <source>Library</source>
        <translation>库</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>See how neural networks learn: optimizers racing on a surface, MNIST runs compared, and backpropagation number by number.</source>
        <translation>看神经网络如何学习：优化器在曲面上竞赛，多次 MNIST 训练相互比较，反向传播一个数一个数地展开。</translation>
    </message>
    <message>
        <source>About GradLab</source>
        <translation>关于 GradLab</translation>
    </message>
</context>
<context>
    <name>LandscapeControls</name>
    <message>
        <source>Line θ₀ → θ_T</source>
        <translation>直线 θ₀ → θ_T</translation>
    </message>
    <message>
        <source>Random plane</source>
        <translation>随机平面</translation>
    </message>
    <message>
        <source>Plane of two runs</source>
        <translation>两次训练的平面</translation>
    </message>
    <message>
        <source>PCA plane of one run</source>
        <translation>一次训练的 PCA 平面</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>各次训练</translation>
    </message>
    <message>
        <source>the MNIST tab&apos;s finished or stopped runs, and loaded run files; tick the ones to show</source>
        <translation>MNIST 标签页中已完成或已停止的训练，以及加载的训练记录；勾选要显示的训练</translation>
    </message>
    <message>
        <source>Load run…</source>
        <translation>加载训练记录…</translation>
    </message>
    <message>
        <source>add a run saved from the MNIST tab or by `gradlab train --save`</source>
        <translation>添加一份从 MNIST 标签页保存、或由 `gradlab train --save` 保存的训练记录</translation>
    </message>
    <message>
        <source>Picture</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
    <message>
        <source>Grid</source>
        <translation>网格</translation>
    </message>
    <message>
        <source>grid points along each axis (the line: points from α = −0.5 to 1.5)</source>
        <translation>每条坐标轴上的网格点数（直线图：α 从 −0.5 到 1.5 的点数）</translation>
    </message>
    <message>
        <source>Subset</source>
        <translation>子集</translation>
    </message>
    <message>
        <source>the loss is measured on the first this many training images (one forward pass of them per grid point)</source>
        <translation>损失在前这么多张训练图像上计算（每个网格点对它们做一次前向传播）</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>the random plane&apos;s directions: the same seed gives the same plane</source>
        <translation>随机平面的方向：相同的随机种子给出相同的平面</translation>
    </message>
    <message>
        <source>Compute</source>
        <translation>计算</translation>
    </message>
    <message>
        <source>compute the picture in the background (coarse first)</source>
        <translation>在后台计算图像（先粗后细）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Span</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>α and β from −span to +span, in units of d₁ and d₂</source>
        <translation>α 和 β 取 −范围 到 +范围，以 d₁ 和 d₂ 为单位</translation>
    </message>
    <message>
        <source>not used by the line: α always runs from −0.5 to 1.5</source>
        <translation>直线图不使用：α 总是从 −0.5 取到 1.5</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>缩放</translation>
    </message>
    <message>
        <source>the area around the plane&apos;s points (θ₀, the runs&apos; ends, the path) times this: 1 shows them all with a margin, 0.5 the middle half</source>
        <translation>平面上各点（θ₀、各次训练的终点、路径）周围的区域乘以这个数：1 显示全部并留出边距，0.5 只显示中间的一半</translation>
    </message>
</context>
<context>
    <name>LandscapeExplain</name>
    <message>
        <source>No MNIST data yet: load or download them in the MNIST tab (its Data box), then come back here.</source>
        <translation>还没有 MNIST 数据：请先在 MNIST 标签页（其“数据”框）中加载或下载，再回到这里。</translation>
    </message>
    <message>
        <source>The straight line from the shared start θ₀ through each ticked run&apos;s final weights.</source>
        <translation>从共同的起点 θ₀ 出发、穿过每次勾选训练的最终权重的直线。</translation>
    </message>
    <message>
        <source>The loss around the first ticked run&apos;s final weights, along two random directions.</source>
        <translation>第一个勾选训练的最终权重周围、沿两个随机方向的损失。</translation>
    </message>
    <message>
        <source>The plane through θ₀ and the final weights of the first two ticked runs, with every ticked run&apos;s path.</source>
        <translation>经过 θ₀ 和前两个勾选训练的最终权重的平面，并画出每个勾选训练的路径。</translation>
    </message>
    <message>
        <source>The plane in which the first ticked run&apos;s path varies most, with that path.</source>
        <translation>第一个勾选训练的路径变化最大的平面，并画出这条路径。</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <source>{count} training images</source>
        <translation>{count} 张训练图像</translation>
    </message>
    <message>
        <source>θ_T + α·d₁ + β·d₂ around {run}&apos;s final weights θ_T: d₁, d₂ are random directions (seed {seed}), filter-normalised (each row of a weight matrix as long as that row of θ_T; biases fixed), so one unit is the network&apos;s own scale. Loss on the first {samples}.</source>
        <translation>θ_T + α·d₁ + β·d₂，围绕 {run} 的最终权重 θ_T：d₁、d₂ 是随机方向（随机种子 {seed}），并按滤波器归一化（权重矩阵的每一行与 θ_T 中对应行等长；偏置保持不变），因此一个单位就是网络自身的尺度。损失在前 {samples}上计算。</translation>
    </message>
    <message>
        <source>θ₀ + α·d₁ + β·d₂ with d₁ = θ_T({a}) − θ₀ and d₂ ⟂ d₁ of the same length, so θ₀ = (0, 0), {a} ends at (1, 0) and {b} at ({b1}, {b2}), exactly; the paths are projected onto the plane. {a}&apos;s loss on the first {samples}.</source>
        <translation>θ₀ + α·d₁ + β·d₂，其中 d₁ = θ_T({a}) − θ₀，d₂ ⟂ d₁ 且长度相同，因此 θ₀ 位于 (0, 0)，{a} 终止于 (1, 0)，{b} 终止于 ({b1}, {b2})，这些位置都是精确的；各条路径投影到这个平面上。所示为 {a} 的损失，在前 {samples}上计算。</translation>
    </message>
    <message>
        <source> No path for {runs} (another θ₀, or none kept).</source>
        <translation>{runs} 没有画出路径（起点 θ₀ 不同，或没有保存路径）。</translation>
    </message>
    <message>
        <source>θ_T + α·d₁ + β·d₂: d₁, d₂ are the directions in which {run}&apos;s path (checkpoints − θ_T) varies most, explaining {r1} % and {r2} % of its variance. A PCA plane belongs to one run and must not be used to compare optimizers. Loss on the first {samples}.</source>
        <translation>θ_T + α·d₁ + β·d₂：d₁、d₂ 是 {run} 的路径（各检查点 − θ_T）变化最大的两个方向，分别解释了其方差的 {r1} % 和 {r2} %。PCA 平面只属于这一次训练，不能用来比较不同的优化器。损失在前 {samples}上计算。</translation>
    </message>
    <message>
        <source>θ₀ + α·(θ_T − θ₀) for each run&apos;s final weights θ_T: α = 0 is the start they share, α = 1 the end of training. Loss and accuracy on the first {samples}.</source>
        <translation>θ₀ + α·(θ_T − θ₀)，θ_T 为每次训练的最终权重：α = 0 是它们共同的起点，α = 1 是训练的终点。损失和准确率在前 {samples}上计算。</translation>
    </message>
    <message>
        <source>θ₀ + α·(θ_T − θ₀) for the run&apos;s final weights θ_T: α = 0 is the start of training, α = 1 the end of training. Loss and accuracy on the first {samples}.</source>
        <translation>θ₀ + α·(θ_T − θ₀)，θ_T 为这次训练的最终权重：α = 0 是训练的起点，α = 1 是训练的终点。损失和准确率在前 {samples}上计算。</translation>
    </message>
    <message>
        <source> Not drawn: {runs} (another θ₀, or no path kept).</source>
        <translation>未画出：{runs}（起点 θ₀ 不同，或没有保存路径）。</translation>
    </message>
    <message>
        <source>The line needs {run}&apos;s start and path, and that run kept none (trained or saved before GradLab kept them); its random plane works.</source>
        <translation>直线图需要 {run} 的起点和路径，但这次训练没有保存（训练或保存于 GradLab 开始保存路径之前）；它的随机平面可以使用。</translation>
    </message>
    <message>
        <source>The plane of two runs needs {run}&apos;s start and path, and that run kept none (trained or saved before GradLab kept them); its random plane works.</source>
        <translation>两次训练的平面需要 {run} 的起点和路径，但这次训练没有保存（训练或保存于 GradLab 开始保存路径之前）；它的随机平面可以使用。</translation>
    </message>
    <message>
        <source>The PCA plane needs {run}&apos;s start and path, and that run kept none (trained or saved before GradLab kept them); its random plane works.</source>
        <translation>PCA 平面需要 {run} 的起点和路径，但这次训练没有保存（训练或保存于 GradLab 开始保存路径之前）；它的随机平面可以使用。</translation>
    </message>
</context>
<context>
    <name>LandscapeJobs</name>
    <message>
        <source>Tick at least one run in the list (train one in the MNIST tab, or Load… a run file).</source>
        <translation>请在列表中至少勾选一次训练（可在 MNIST 标签页中训练，或用“加载训练记录…”加载一份）。</translation>
    </message>
    <message>
        <source>The plane of two runs needs two ticked runs that share θ₀ (same seed, same network).</source>
        <translation>两次训练的平面需要勾选两次起点 θ₀ 相同的训练（相同的随机种子、相同的网络）。</translation>
    </message>
    <message>
        <source>{a} and {b} do not share θ₀ (the same seed and network give the same start): tick two runs trained from one seed.</source>
        <translation>{a} 和 {b} 的起点 θ₀ 不同（相同的随机种子和网络才有相同的起点）：请勾选用同一个随机种子训练的两次训练。</translation>
    </message>
    <message>
        <source>The grid needs at least 3 points a side, a positive span and a subset of at least 1.</source>
        <translation>网格每边至少需要 3 个点，范围必须为正，子集至少为 1。</translation>
    </message>
    <message>
        <source>final</source>
        <translation>终点</translation>
    </message>
    <message>
        <source>{run}, final</source>
        <translation>{run}，终点</translation>
    </message>
    <message>
        <source>Random plane around the end of {run}</source>
        <translation>{run} 终点周围的随机平面</translation>
    </message>
    <message>
        <source>α (along d₁)</source>
        <translation>α（沿 d₁）</translation>
    </message>
    <message>
        <source>β (along d₂)</source>
        <translation>β（沿 d₂）</translation>
    </message>
    <message>
        <source>Plane through θ₀ and the ends of {a} and {b}</source>
        <translation>经过 θ₀ 以及 {a} 和 {b} 终点的平面</translation>
    </message>
    <message>
        <source>α (along d₁ = {a}&apos;s final weights − θ₀)</source>
        <translation>α（沿 d₁ = {a} 的最终权重 − θ₀）</translation>
    </message>
    <message>
        <source>β (along d₂ ⟂ d₁)</source>
        <translation>β（沿 d₂ ⟂ d₁）</translation>
    </message>
    <message>
        <source>PCA plane of {run}&apos;s path</source>
        <translation>{run} 路径的 PCA 平面</translation>
    </message>
    <message>
        <source>α (along d₁: {share} % of the variance)</source>
        <translation>α（沿 d₁：解释 {share} % 的方差）</translation>
    </message>
    <message>
        <source>β (along d₂: {share} %)</source>
        <translation>β（沿 d₂：{share} %）</translation>
    </message>
</context>
<context>
    <name>LandscapeLine</name>
    <message>
        <source>0 = θ₀ (start)</source>
        <translation>0 = θ₀（起点）</translation>
    </message>
    <message>
        <source>1 = final weights</source>
        <translation>1 = 最终权重</translation>
    </message>
    <message>
        <source>loss (log scale)</source>
        <translation>损失（对数）</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>α   (θ = θ₀ + α·(final weights − θ₀))</source>
        <translation>α   （θ = θ₀ + α·(最终权重 − θ₀)）</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <source>The straight line from θ₀ to each run&apos;s end</source>
        <translation>从 θ₀ 到每次训练终点的直线</translation>
    </message>
    <message>
        <source>{run}: loss {loss}, {accuracy} %</source>
        <translation>{run}：损失 {loss}，{accuracy} %</translation>
    </message>
    <message>
        <source>{run}: loss {loss}</source>
        <translation>{run}：损失 {loss}</translation>
    </message>
    <message>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <source>not computed yet</source>
        <translation>尚未计算</translation>
    </message>
    <message>
        <source>{where}: {values}</source>
        <translation>{where}：{values}</translation>
    </message>
</context>
<context>
    <name>LandscapeMap</name>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>α (along d₁)</source>
        <translation>α（沿 d₁）</translation>
    </message>
    <message>
        <source>β (along d₂)</source>
        <translation>β（沿 d₂）</translation>
    </message>
    <message>
        <source>loss (log scale)</source>
        <translation>损失（对数刻度）</translation>
    </message>
    <message>
        <source>{where}: not computed yet</source>
        <translation>{where}：尚未计算</translation>
    </message>
    <message>
        <source>{where}: loss {loss}, accuracy {accuracy} %</source>
        <translation>{where}：损失 {loss}，准确率 {accuracy} %</translation>
    </message>
    <message>
        <source>{where}: loss {loss}</source>
        <translation>{where}：损失 {loss}</translation>
    </message>
</context>
<context>
    <name>LandscapeRender</name>
    <message>
        <source>Random plane (filter-normalised directions)</source>
        <translation>随机平面（按滤波器归一化的方向）</translation>
    </message>
    <message>
        <source>The plane through θ₀ and two runs&apos; final weights</source>
        <translation>经过 θ₀ 和两次训练最终权重的平面</translation>
    </message>
    <message>
        <source>PCA plane of one run&apos;s path</source>
        <translation>一次训练路径的 PCA 平面</translation>
    </message>
    <message>
        <source>Loss plane</source>
        <translation>损失平面</translation>
    </message>
    <message>
        <source>d₁ and d₂ explain {r1} % and {r2} % of the path&apos;s variance. A PCA plane belongs to one run and must not be used to compare optimizers.</source>
        <translation>d₁ 和 d₂ 分别解释了路径方差的 {r1} % 和 {r2} %。PCA 平面只属于这一次训练，不能用来比较不同的优化器。</translation>
    </message>
    <message>
        <source>Filter-normalised random directions, seed {seed}.</source>
        <translation>按滤波器归一化的随机方向，随机种子 {seed}。</translation>
    </message>
    <message>
        <source>Loss on the first {n} training images.</source>
        <translation>损失在前 {n} 张训练图像上计算。</translation>
    </message>
</context>
<context>
    <name>LandscapeRuns</name>
    <message>
        <source>{path} ({steps} steps)</source>
        <translation>{path}（{steps} 步）</translation>
    </message>
    <message>
        <source>MNIST tab</source>
        <translation>MNIST 标签页</translation>
    </message>
</context>
<context>
    <name>LandscapeTab</name>
    <message>
        <source>GradLab run (*.pt);;All files (*)</source>
        <translation>GradLab 训练记录 (*.pt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Hover over the picture to read the loss there.</source>
        <translation>把鼠标悬停在图上，即可读出该处的损失。</translation>
    </message>
    <message>
        <source>Drag to turn the surface; the 2-D map reads the loss under the mouse.</source>
        <translation>拖动可以旋转曲面；在二维等高线图上可以读出鼠标所在处的损失。</translation>
    </message>
    <message>
        <source>This picture is of the earlier choice: press Compute to draw the view chosen.</source>
        <translation>这是之前所选视图的图像：点击“计算”来画出现在选择的视图。</translation>
    </message>
    <message>
        <source>MNIST not read</source>
        <translation>未能读取 MNIST</translation>
    </message>
    <message>
        <source>Nothing computed yet: tick runs, pick a picture, then Compute.</source>
        <translation>尚未计算：先勾选训练、选择图像，再点击“计算”。</translation>
    </message>
    <message>
        <source>2-D map</source>
        <translation>二维等高线图</translation>
    </message>
    <message>
        <source>3-D surface</source>
        <translation>三维曲面</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>导出 PNG…</translation>
    </message>
    <message>
        <source>save the picture shown (the 2-D map, the 3-D surface or the line plot), the 2-D ones with their explanation</source>
        <translation>保存当前显示的图像（二维等高线图、三维曲面或直线图），二维图像连同其说明一起保存</translation>
    </message>
    <message>
        <source>partial: {done} of {total} points · </source>
        <translation>未完成：{done} / {total} 个点 · </translation>
    </message>
    <message>
        <source>{label}
{where}, finished</source>
        <translation>{label}
{where}，已完成</translation>
    </message>
    <message>
        <source>{label}
{where}, finished; kept no path (random plane only)</source>
        <translation>{label}
{where}，已完成；未保存路径（只能画随机平面）</translation>
    </message>
    <message>
        <source>{label}
{where}, stopped before its last epoch</source>
        <translation>{label}
{where}，在最后一轮之前停止</translation>
    </message>
    <message>
        <source>{label}
{where}, stopped before its last epoch; kept no path (random plane only)</source>
        <translation>{label}
{where}，在最后一轮之前停止；未保存路径（只能画随机平面）</translation>
    </message>
    <message>
        <source>Reading MNIST</source>
        <translation>读取 MNIST</translation>
    </message>
    <message>
        <source>reading MNIST…</source>
        <translation>正在读取 MNIST…</translation>
    </message>
    <message>
        <source>Could not read MNIST: {problem}</source>
        <translation>无法读取 MNIST：{problem}</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>A run file is still loading; try again in a moment.</source>
        <translation>还有一份训练记录正在加载，请稍后再试。</translation>
    </message>
    <message>
        <source>Could not load {file}: {problem}</source>
        <translation>无法加载 {file}：{problem}</translation>
    </message>
    <message>
        <source>{file} is already listed as {run}: not added again.</source>
        <translation>{file} 已经列为 {run}：不再重复添加。</translation>
    </message>
    <message>
        <source>Loaded {path}</source>
        <translation>已加载 {path}</translation>
    </message>
    <message>
        <source>Loading {file}</source>
        <translation>加载 {file}</translation>
    </message>
    <message>
        <source>Load run</source>
        <translation>加载训练记录</translation>
    </message>
    <message>
        <source>{what} failed: {problem}</source>
        <translation>{what} 失败：{problem}</translation>
    </message>
    <message>
        <source>The computation stopped: {problem}</source>
        <translation>计算已中止：{problem}</translation>
    </message>
    <message>
        <source>preparing the directions…</source>
        <translation>正在准备方向…</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>{done} / {total} points</source>
        <translation>{done} / {total} 个点</translation>
    </message>
    <message>
        <source>{done} / {total} points · pass {n} of {passes}</source>
        <translation>{done} / {total} 个点 · 第 {n} 遍，共 {passes} 遍</translation>
    </message>
    <message>
        <source>done: {done} / {total} points</source>
        <translation>完成：{done} / {total} 个点</translation>
    </message>
    <message>
        <source>cancelled at {done} / {total} points</source>
        <translation>已取消，停在 {done} / {total} 个点</translation>
    </message>
    <message>
        <source>stopped at {done} / {total} points</source>
        <translation>已停止，停在 {done} / {total} 个点</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Qt could not write the image</source>
        <translation>Qt 无法写入图像</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Could not export {path}: {problem}</source>
        <translation>无法导出 {path}：{problem}</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
</context>
<context>
    <name>LandscapeView3D</name>
    <message>
        <source>height: loss from {lo} (floor) to {hi} (top), log scale</source>
        <translation>高度：损失从 {lo}（底面）到 {hi}（顶部），对数刻度</translation>
    </message>
    <message>
        <source>height: loss from {lo} (floor) to {hi} (top)</source>
        <translation>高度：损失从 {lo}（底面）到 {hi}（顶部）</translation>
    </message>
    <message>
        <source>The 3-D view is unavailable: {problem}. The 2-D map shows the same grid.</source>
        <translation>三维视图不可用：{problem}。二维等高线图显示的是同一个网格。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Optimizer race</source>
        <translation>优化器竞赛</translation>
    </message>
    <message>
        <source>MNIST</source>
        <translation>MNIST</translation>
    </message>
    <message>
        <source>Explorer</source>
        <translation>探索器</translation>
    </message>
    <message>
        <source>Backpropagation</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>Playground</source>
        <translation>游乐场</translation>
    </message>
    <message>
        <source>Landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <source>optimizer race</source>
        <translation>优化器竞赛</translation>
    </message>
    <message>
        <source>explorer</source>
        <translation>探索器</translation>
    </message>
    <message>
        <source>backpropagation</source>
        <translation>反向传播</translation>
    </message>
    <message>
        <source>playground</source>
        <translation>游乐场</translation>
    </message>
    <message>
        <source>loss landscape</source>
        <translation>损失地形</translation>
    </message>
    <message>
        <source>Press Space (or ▶ Run) to start the race; Right steps once, Left steps back, R resets.</source>
        <translation>按空格键（或 ▶ 运行）开始竞赛；右方向键前进一步，左方向键后退一步，R 键重置。</translation>
    </message>
    <message>
        <source>Add settings to the queue to compare runs (same seed: same start, same batches); Start trains them one after another.</source>
        <translation>把设置加入队列来比较多次训练（相同的随机种子：相同的初始值、相同的批次）；“开始”会依次训练它们。</translation>
    </message>
    <message>
        <source>Hover over a plot to read its values; a model&apos;s loss surface can be raced in the Optimizer race tab.</source>
        <translation>把鼠标悬停在图上即可读取数值；模型的损失曲面可以送到“优化器竞赛”标签页里比赛。</translation>
    </message>
    <message>
        <source>Small network: Right steps through the pass, Left steps back, Space plays, click a unit or a weight for its numbers. Real network: draw a digit or pick a test digit.</source>
        <translation>小网络：右方向键逐步前进，左方向键后退，空格键播放，点击神经元或权重查看它的数值。真实网络：手写一个数字，或选一个测试集里的数字。</translation>
    </message>
    <message>
        <source>Play trains the network live; click the plane to add a point, right-click removes one, click a point to trace it in Backpropagation; hover a unit for its map. Compare races 2 to 4 settings.</source>
        <translation>“播放”实时训练网络；点击平面添加一个点，右键删除一个点，点击一个数据点可在“反向传播”标签页中逐步追踪它；悬停在神经元上查看它的输出图。“比较”让 2 到 4 组设置同台竞赛。</translation>
    </message>
    <message>
        <source>Tick the MNIST tab&apos;s runs (or Load… a run file), pick the picture, Compute; hover the map to read the loss there.</source>
        <translation>勾选 MNIST 标签页中的训练（或用“加载训练记录…”加载一份），选择视图，点击“计算”；把鼠标悬停在图上读取该处的损失。</translation>
    </message>
    <message>
        <source>Loading {tab}…</source>
        <translation>正在加载 {tab}…</translation>
    </message>
    <message>
        <source>The remembered window size was not usable; the default is used.</source>
        <translation>记住的窗口大小不可用，已使用默认大小。</translation>
    </message>
    <message>
        <source>The {tab} tab is not available: {error}</source>
        <translation>“{tab}”标签页不可用：{error}</translation>
    </message>
    <message>
        <source>Scenario: {title}</source>
        <translation>场景：{title}</translation>
    </message>
    <message>
        <source>Surface: {title}. {hint}</source>
        <translation>曲面：{title}。{hint}</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Exported {path}</source>
        <translation>已导出 {path}</translation>
    </message>
    <message>
        <source>Finishing… stopping the work in the background.</source>
        <translation>正在关闭…正在停止后台任务。</translation>
    </message>
</context>
<context>
    <name>Menu</name>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open scenario…</source>
        <translation>打开场景(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save scenario…</source>
        <translation>保存场景(&amp;S)…</translation>
    </message>
    <message>
        <source>Export race view as &amp;PNG…</source>
        <translation>将竞赛视图导出为 PNG(&amp;P)…</translation>
    </message>
    <message>
        <source>Export race view as S&amp;VG…</source>
        <translation>将竞赛视图导出为 SVG(&amp;V)…</translation>
    </message>
    <message>
        <source>Export race trajectories as &amp;CSV…</source>
        <translation>将竞赛轨迹导出为 CSV(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>S&amp;cenarios</source>
        <translation>场景(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Presenter mode</source>
        <translation>演示模式(&amp;P)</translation>
    </message>
    <message>
        <source>larger fonts and thicker lines for a projector</source>
        <translation>为投影仪放大字体、加粗线条</translation>
    </message>
    <message>
        <source>&amp;2-D view</source>
        <translation>二维视图(&amp;2)</translation>
    </message>
    <message>
        <source>&amp;3-D view</source>
        <translation>三维视图(&amp;3)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言 (Language)(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <source>&amp;How to use each tab</source>
        <translation>各标签页使用说明(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About GradLab</source>
        <translation>关于 GradLab(&amp;A)</translation>
    </message>
</context>
<context>
    <name>MnistControls</name>
    <message>
        <source>MSE on softmax (one-hot)</source>
        <translation>Softmax 输出的均方误差（独热编码）</translation>
    </message>
    <message>
        <source>Constant</source>
        <translation>恒定</translation>
    </message>
    <message>
        <source>Step (StepLR)</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <source>Cosine annealing</source>
        <translation>余弦退火</translation>
    </message>
    <message>
        <source>PyTorch autograd</source>
        <translation>PyTorch 自动求导</translation>
    </message>
    <message>
        <source>NumPy, hand-written backprop</source>
        <translation>NumPy，手写反向传播</translation>
    </message>
    <message>
        <source>Auto (CUDA if present)</source>
        <translation>自动（有 CUDA 时用 CUDA）</translation>
    </message>
    <message>
        <source>per epoch</source>
        <translation>每轮</translation>
    </message>
    <message>
        <source>per batch</source>
        <translation>每批</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>inverse frequency</source>
        <translation>逆频率</translation>
    </message>
    <message>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>{what}: {text} is not a list of numbers</source>
        <translation>{what}：{text} 不是一串数字</translation>
    </message>
    <message>
        <source>{what}: need {count} numbers (one per digit 0-9), got {got}</source>
        <translation>{what}：需要 {count} 个数（数字 0-9 各一个），实为 {got} 个</translation>
    </message>
    <message>
        <source>{what}: {text} is not a list of whole numbers</source>
        <translation>{what}：{text} 不是一串整数</translation>
    </message>
    <message>
        <source>{what}: give numbers from {lo} to {hi}, got {text}</source>
        <translation>{what}：请给出 {lo} 到 {hi} 之间的数，实为 {text}</translation>
    </message>
    <message>
        <source>ten numbers, one per digit 0-9</source>
        <translation>十个数，数字 0-9 各一个</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>class weights</source>
        <translation>类别权重</translation>
    </message>
    <message>
        <source>focal alpha</source>
        <translation>焦点损失的 α</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>focusing γ</source>
        <translation>聚焦参数 γ</translation>
    </message>
    <message>
        <source>class balance α</source>
        <translation>类别平衡 α</translation>
    </message>
    <message>
        <source>Hidden activation</source>
        <translation>隐藏层激活函数</translation>
    </message>
    <message>
        <source>leak α</source>
        <translation>负半轴斜率 α</translation>
    </message>
    <message>
        <source>ELU α</source>
        <translation>ELU α</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隐藏层</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>计算方式</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>浮点精度</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批量大小</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>训练轮数</translation>
    </message>
    <message>
        <source>LR schedule</source>
        <translation>学习率调度</translation>
    </message>
    <message>
        <source>step size</source>
        <translation>衰减间隔</translation>
    </message>
    <message>
        <source>decay factor</source>
        <translation>衰减系数</translation>
    </message>
    <message>
        <source>minimum lr</source>
        <translation>最小学习率</translation>
    </message>
    <message>
        <source>advance</source>
        <translation>更新时机</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>设备</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Imbalance</source>
        <translation>类别不平衡</translation>
    </message>
    <message>
        <source>digits</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>fraction kept</source>
        <translation>保留比例</translation>
    </message>
    <message>
        <source>Training samples</source>
        <translation>训练样本数</translation>
    </message>
    <message>
        <source>Test subset every</source>
        <translation>测试子集评估间隔</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>slope for x ≤ 0: f(x) = αx</source>
        <translation>x ≤ 0 时的斜率：f(x) = αx</translation>
    </message>
    <message>
        <source>f(x) = α(eˣ − 1) for x ≤ 0: the value it saturates at is −α</source>
        <translation>x ≤ 0 时 f(x) = α(eˣ − 1)：它饱和于 −α</translation>
    </message>
    <message>
        <source>widths of the hidden layers; 784 inputs and 10 outputs are fixed</source>
        <translation>各隐藏层的宽度；784 个输入和 10 个输出是固定的</translation>
    </message>
    <message>
        <source>keep only a fraction of some digits</source>
        <translation>某些数字只保留一部分样本</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>epoch ends only</source>
        <translation>仅在每轮结束时</translation>
    </message>
    <message>
        <source> steps</source>
        <translation> 步</translation>
    </message>
    <message>
        <source>digits to imbalance</source>
        <translation>要减少的数字</translation>
    </message>
    <message>
        <source>hidden layers</source>
        <translation>隐藏层</translation>
    </message>
</context>
<context>
    <name>MnistData</name>
    <message>
        <source> Looked in {folder} and {raw}.</source>
        <translation>已查找 {folder} 和 {raw}。</translation>
    </message>
    <message>
        <source>MNIST not found.{looked} Put the four files ({names}) in {where}, or choose a folder that holds them (or their MNIST/raw), or download them (about 11 MB).</source>
        <translation>未找到 MNIST。{looked}请把四个文件（{names}）放到 {where}，或者选择一个包含它们（或包含 MNIST/raw 子文件夹）的文件夹，或者直接下载（约 11 MB）。</translation>
    </message>
    <message>
        <source>MNIST data</source>
        <translation>MNIST 数据</translation>
    </message>
    <message>
        <source>folder with the four MNIST files</source>
        <translation>包含四个 MNIST 文件的文件夹</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Download MNIST</source>
        <translation>下载 MNIST</translation>
    </message>
    <message>
        <source>%p% of 11 MB</source>
        <translation>%p%（共 11 MB）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Loading MNIST from {folder}…</source>
        <translation>正在从 {folder} 加载 MNIST…</translation>
    </message>
    <message>
        <source>{train} training and {test} test images from {where}</source>
        <translation>{train} 张训练图像和 {test} 张测试图像，来自 {where}</translation>
    </message>
    <message>
        <source>memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Folder with the MNIST files</source>
        <translation>包含 MNIST 文件的文件夹</translation>
    </message>
    <message>
        <source>Downloading MNIST into {folder}…</source>
        <translation>正在把 MNIST 下载到 {folder}…</translation>
    </message>
    <message>
        <source>Cancelling the download…</source>
        <translation>正在取消下载…</translation>
    </message>
    <message>
        <source>Download cancelled; nothing was left behind.</source>
        <translation>下载已取消；没有留下任何文件。</translation>
    </message>
    <message>
        <source>Offline? </source>
        <translation>没有联网？</translation>
    </message>
</context>
<context>
    <name>MnistExport</name>
    <message>
        <source>{path} exists; not replaced without asking</source>
        <translation>{path} 已存在；未经询问不会覆盖</translation>
    </message>
    <message>
        <source>{path}: choose a .png or .svg file</source>
        <translation>{path}：请选择 .png 或 .svg 文件</translation>
    </message>
</context>
<context>
    <name>MnistHyper</name>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>GradLab&apos;s optimizers run through CoreOptimizer; the (torch.optim) entries are PyTorch&apos;s own, for comparison</source>
        <translation>前面是 GradLab 自己实现的优化器；带 (torch.optim) 的是 PyTorch 自带的实现，用来对照</translation>
    </message>
</context>
<context>
    <name>MnistImages</name>
    <message>
        <source>Confusion (% of true digit)</source>
        <translation>混淆矩阵（占真实数字的 %）</translation>
    </message>
    <message>
        <source>true digit</source>
        <translation>真实数字</translation>
    </message>
    <message>
        <source>predicted digit</source>
        <translation>预测数字</translation>
    </message>
    <message>
        <source>counts [true, predicted]:</source>
        <translation>计数 [真实, 预测]：</translation>
    </message>
    <message>
        <source> ({percent}%)</source>
        <translation>（{percent}%）</translation>
    </message>
    <message>
        <source>right</source>
        <translation>预测正确</translation>
    </message>
    <message>
        <source>mistaken</source>
        <translation>预测错误</translation>
    </message>
    <message>
        <source>true {t} → predicted {p}: {n} of {total} test {t}s{share}, {verdict}</source>
        <translation>真实 {t} → 预测 {p}：测试集的 {total} 个 {t} 中有 {n} 个{share}，{verdict}</translation>
    </message>
    <message>
        <source>First-layer weights ({count} units)</source>
        <translation>第一层权重（{count} 个神经元）</translation>
    </message>
    <message>
        <source>Per-class accuracy (%)</source>
        <translation>各类别准确率（%）</translation>
    </message>
    <message>
        <source>digit</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>no samples</source>
        <translation>没有样本</translation>
    </message>
    <message>
        <source>&lt;b&gt;per-class accuracy&lt;/b&gt; · digit {digit} · </source>
        <translation>&lt;b&gt;各类别准确率&lt;/b&gt; · 数字 {digit} · </translation>
    </message>
</context>
<context>
    <name>MnistPlots</name>
    <message>
        <source>Training loss per batch (each run&apos;s own loss)</source>
        <translation>每个批次的训练损失（各次训练自己的损失函数）</translation>
    </message>
    <message>
        <source>Test cross-entropy</source>
        <translation>测试集交叉熵</translation>
    </message>
    <message>
        <source>Test accuracy (%)</source>
        <translation>测试集准确率（%）</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Gradient norm per layer</source>
        <translation>各层梯度范数</translation>
    </message>
    <message>
        <source>Dead ReLU units (%)</source>
        <translation>死亡 ReLU 神经元（%）</translation>
    </message>
    <message>
        <source>training loss (own)</source>
        <translation>训练损失（自身的损失函数）</translation>
    </message>
    <message>
        <source>test cross-entropy</source>
        <translation>测试集交叉熵</translation>
    </message>
    <message>
        <source>test accuracy %</source>
        <translation>测试集准确率 %</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>gradient norm</source>
        <translation>梯度范数</translation>
    </message>
    <message>
        <source>dead units %</source>
        <translation>死亡神经元 %</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>test subset</source>
        <translation>测试子集</translation>
    </message>
    <message>
        <source>full test set</source>
        <translation>完整测试集</translation>
    </message>
    <message>
        <source>hover over a plot to read its values</source>
        <translation>把鼠标悬停在图上可读出数值</translation>
    </message>
    <message>
        <source>hidden {layer} ({units})</source>
        <translation>隐藏层 {layer}（{units}）</translation>
    </message>
    <message>
        <source>&lt;b&gt;{name}&lt;/b&gt; · epoch {x} · {y}</source>
        <translation>&lt;b&gt;{name}&lt;/b&gt; · 第 {x} 轮 · {y}</translation>
    </message>
    <message>
        <source> (epoch {x})</source>
        <translation>（第 {x} 轮）</translation>
    </message>
    <message>
        <source> · smoothed: </source>
        <translation> · 平滑后：</translation>
    </message>
</context>
<context>
    <name>MnistProgress</name>
    <message>
        <source>Press Start to train these settings, or queue several first.</source>
        <translation>点击“开始”训练当前设置，或先把几组设置加入队列。</translation>
    </message>
    <message>
        <source>Waiting for the MNIST data to load…</source>
        <translation>正在等待 MNIST 数据加载…</translation>
    </message>
    <message>
        <source>No MNIST data yet: see the data box.</source>
        <translation>还没有 MNIST 数据：见数据框。</translation>
    </message>
    <message>
        <source>Run {position}/{count}</source>
        <translation>第 {position}/{count} 次训练</translation>
    </message>
    <message>
        <source>starting (loading PyTorch and the data)…</source>
        <translation>正在启动（加载 PyTorch 和数据）…</translation>
    </message>
    <message>
        <source>epoch {epoch}/{epochs}</source>
        <translation>第 {epoch}/{epochs} 轮</translation>
    </message>
    <message>
        <source>step {step}/{total}</source>
        <translation>第 {step}/{total} 步</translation>
    </message>
    <message>
        <source>{rate} samples/s</source>
        <translation>{rate} 样本/秒</translation>
    </message>
    <message>
        <source>{time} left</source>
        <translation>剩余 {time}</translation>
    </message>
</context>
<context>
    <name>MnistQueue</name>
    <message>
        <source>Runs to compare</source>
        <translation>要比较的训练</translation>
    </message>
    <message>
        <source>Add current settings</source>
        <translation>加入当前设置</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Clear all</source>
        <translation>全部清除</translation>
    </message>
    <message>
        <source>Remove every run from the queue and the plots</source>
        <translation>从队列和图中移除所有训练</translation>
    </message>
    <message>
        <source>Same seed: same initial weights, same batches.</source>
        <translation>相同的随机种子：相同的初始权重，相同的批次。</translation>
    </message>
</context>
<context>
    <name>MnistRuns</name>
    <message>
        <source>queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>running</source>
        <translation>训练中</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>已发散</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已移除</translation>
    </message>
    <message>
        <source>diverged at step {step}</source>
        <translation>在第 {step} 步发散</translation>
    </message>
    <message>
        <source>failed: {error}</source>
        <translation>失败：{error}</translation>
    </message>
    <message>
        <source>stopped at step {step}</source>
        <translation>停在第 {step} 步</translation>
    </message>
    <message>
        <source>done, test accuracy {accuracy}%</source>
        <translation>已完成，测试集准确率 {accuracy}%</translation>
    </message>
    <message>
        <source>saved by an older GradLab without test cross-entropy: its test cross-entropy is not drawn (accuracy and training loss are)</source>
        <translation>由旧版 GradLab 保存，没有测试集交叉熵：不画它的测试集交叉熵（准确率和训练损失照常画出）</translation>
    </message>
    <message>
        <source>cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>weighted CE</source>
        <translation>加权交叉熵</translation>
    </message>
    <message>
        <source>focal</source>
        <translation>焦点损失</translation>
    </message>
    <message>
        <source>MSE on softmax</source>
        <translation>Softmax 输出的 MSE</translation>
    </message>
    <message>
        <source>step schedule</source>
        <translation>阶梯衰减</translation>
    </message>
    <message>
        <source>cosine schedule</source>
        <translation>余弦退火</translation>
    </message>
    <message>
        <source>batch {size}</source>
        <translation>批量 {size}</translation>
    </message>
    <message>
        <source>NumPy backprop</source>
        <translation>NumPy 反向传播</translation>
    </message>
    <message>
        <source>fewer {digits}</source>
        <translation>减少 {digits}</translation>
    </message>
    <message>
        <source>seed {seed}</source>
        <translation>随机种子 {seed}</translation>
    </message>
</context>
<context>
    <name>MnistTab</name>
    <message>
        <source>Save runs…</source>
        <translation>保存训练结果…</translation>
    </message>
    <message>
        <source>Save the runs in this folder</source>
        <translation>把训练保存到这个文件夹</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Train the queued runs (the current settings if none are queued)</source>
        <translation>训练队列中的各项（队列为空时训练当前设置）</translation>
    </message>
    <message>
        <source>Stop after the current step; what was trained is kept</source>
        <translation>在当前这一步之后停止；已训练的结果会保留</translation>
    </message>
    <message>
        <source>Go on from where the stopped runs stopped</source>
        <translation>从已停止的训练停下的地方接着训练</translation>
    </message>
    <message>
        <source>Train more</source>
        <translation>再训练</translation>
    </message>
    <message>
        <source>Go on training the selected finished run for more epochs (a cosine schedule stretches over the new length)</source>
        <translation>把选中的已完成训练再多训练几轮（余弦退火会拉伸到新的总长度）</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Load…</source>
        <translation>加载…</translation>
    </message>
    <message>
        <source>Save the selected run (weights, optimizer state, config, curves)</source>
        <translation>保存选中的训练（权重、优化器状态、设置、曲线）</translation>
    </message>
    <message>
        <source>Load a saved run: its curves, and Resume if it has epochs left</source>
        <translation>加载已保存的训练记录：显示它的曲线；若还有未训练的轮次，可点击“继续”</translation>
    </message>
    <message>
        <source>CSV…</source>
        <translation>CSV…</translation>
    </message>
    <message>
        <source>PNG/SVG…</source>
        <translation>PNG/SVG…</translation>
    </message>
    <message>
        <source>Export every run&apos;s curves as CSV</source>
        <translation>把所有训练的曲线导出为 CSV</translation>
    </message>
    <message>
        <source>Export the plots as a PNG or SVG picture</source>
        <translation>把图表导出为 PNG 或 SVG 图像</translation>
    </message>
    <message>
        <source>log-scale losses</source>
        <translation>损失用对数刻度</translation>
    </message>
    <message>
        <source>Smoothing: weight w of the debiased moving average of the training loss</source>
        <translation>平滑：训练损失的偏差校正指数移动平均的权重 w</translation>
    </message>
    <message>
        <source>Fit to data</source>
        <translation>适应数据范围</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source> epoch</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source> epochs</source>
        <translation> 轮</translation>
    </message>
    <message>
        <source>Load MNIST first (see the data box).</source>
        <translation>请先加载 MNIST（见数据框）。</translation>
    </message>
    <message>
        <source>Stopping… what was trained is kept; Resume goes on.</source>
        <translation>正在停止…已训练的结果会保留；点击“继续”可接着训练。</translation>
    </message>
    <message>
        <source>{runs} has training that is not saved (one is still training). Closing loses it.</source>
        <translation>{runs}的结果尚未保存（它仍在训练）。关闭会丢失这些结果。</translation>
    </message>
    <message>
        <source>{runs} has training that is not saved. Closing loses it.</source>
        <translation>{runs}的结果尚未保存。关闭会丢失这些结果。</translation>
    </message>
    <message>
        <source>{runs} have training that is not saved (one is still training). Closing loses them.</source>
        <translation>{runs}的结果尚未保存（其中一次仍在训练）。关闭会丢失这些结果。</translation>
    </message>
    <message>
        <source>{runs} have training that is not saved. Closing loses them.</source>
        <translation>{runs}的结果尚未保存。关闭会丢失这些结果。</translation>
    </message>
    <message>
        <source>Close GradLab?</source>
        <translation>关闭 GradLab？</translation>
    </message>
    <message>
        <source>Discard and close</source>
        <translation>丢弃并关闭</translation>
    </message>
    <message>
        <source>{runs} has training that is not saved.</source>
        <translation>{runs}的结果尚未保存。</translation>
    </message>
    <message>
        <source>{runs} have training that is not saved.</source>
        <translation>{runs}的结果尚未保存。</translation>
    </message>
    <message>
        <source>Remove runs?</source>
        <translation>移除训练？</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <source>Could not save run {run} to {path}: {error}</source>
        <translation>无法把第 {run} 次训练保存到 {path}：{error}</translation>
    </message>
    <message>
        <source>Saved {files} in {folder}</source>
        <translation>已把 {files} 保存到 {folder}</translation>
    </message>
    <message>
        <source>Nothing to save.</source>
        <translation>没有可保存的内容。</translation>
    </message>
    <message>
        <source>Nothing to train: add settings to the queue.</source>
        <translation>没有可训练的内容：请把设置加入队列。</translation>
    </message>
    <message>
        <source>Run {run} {status}</source>
        <translation>第 {run} 次训练{status}</translation>
    </message>
    <message>
        <source>Stopped. Resume goes on from the last step.</source>
        <translation>已停止。点击“继续”会从最后一步接着训练。</translation>
    </message>
    <message>
        <source>Select a stopped or finished run to save.</source>
        <translation>请选择一个已停止或已完成的训练来保存。</translation>
    </message>
    <message>
        <source>Save run</source>
        <translation>保存训练记录</translation>
    </message>
    <message>
        <source>Saved run {run} to {path}</source>
        <translation>已把第 {run} 次训练保存到 {path}</translation>
    </message>
    <message>
        <source>Load run</source>
        <translation>加载训练记录</translation>
    </message>
    <message>
        <source>Could not load {file}: {error}</source>
        <translation>无法加载 {file}：{error}</translation>
    </message>
    <message>
        <source>Loading {file}…</source>
        <translation>正在加载 {file}…</translation>
    </message>
    <message>
        <source>Loaded {file}: {status}</source>
        <translation>已加载 {file}：{status}</translation>
    </message>
    <message>
        <source>; {note}</source>
        <translation>；{note}</translation>
    </message>
    <message>
        <source>Export curves</source>
        <translation>导出曲线</translation>
    </message>
    <message>
        <source>Could not write {path}: {error}</source>
        <translation>无法写入 {path}：{error}</translation>
    </message>
    <message>
        <source>Curves written to {path}</source>
        <translation>曲线已写入 {path}</translation>
    </message>
    <message>
        <source>Export plots</source>
        <translation>导出图表</translation>
    </message>
    <message>
        <source>PNG image (*.png);;SVG (*.svg)</source>
        <translation>PNG 图像 (*.png);;SVG 图像 (*.svg)</translation>
    </message>
    <message>
        <source>Replace?</source>
        <translation>替换？</translation>
    </message>
    <message>
        <source>{files} exists. Replace it?</source>
        <translation>{files} 已存在。要替换吗？</translation>
    </message>
    <message>
        <source>Plots written to {paths}</source>
        <translation>图表已写入 {paths}</translation>
    </message>
    <message>
        <source>GradLab MNIST run (*.pt)</source>
        <translation>GradLab MNIST 训练记录 (*.pt)</translation>
    </message>
    <message>
        <source>Run {number}</source>
        <translation>第 {number} 次训练</translation>
    </message>
    <message>
        <source>Runs {numbers} and {last}</source>
        <translation>第 {numbers} 和 {last} 次训练</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>MnistView</name>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Inside the selected run</source>
        <translation>选中训练的内部情况</translation>
    </message>
    <message>
        <source>Test digits: predicted label (red = mistake)</source>
        <translation>测试数字：预测标签（红色 = 预测错误）</translation>
    </message>
    <message>
        <source>Inside the selected run, after its latest evaluation: train a run to see it.</source>
        <translation>选中训练在最近一次评估后的内部情况：先训练一次才能看到。</translation>
    </message>
    <message>
        <source>hover over the confusion matrix to read a cell</source>
        <translation>把鼠标悬停在混淆矩阵上可读出格子里的数值</translation>
    </message>
    <message>
        <source>the confusion matrix, test digits and first-layer weights of the run selected in the list</source>
        <translation>列表中选中训练的混淆矩阵、测试数字和第一层权重</translation>
    </message>
    <message>
        <source>Select a run that has been evaluated to see inside it.</source>
        <translation>选择一个已经评估过的训练，查看它的内部。</translation>
    </message>
    <message>
        <source>test set</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>first {count} test digits</source>
        <translation>前 {count} 个测试数字</translation>
    </message>
    <message>
        <source>&lt;b&gt;{run}&lt;/b&gt; after step {step} (epoch {epoch}): {accuracy}% right on the {where}</source>
        <translation>&lt;b&gt;{run}&lt;/b&gt; 第 {step} 步之后（第 {epoch} 轮）：在{where}上的准确率为 {accuracy}%</translation>
    </message>
</context>
<context>
    <name>OpenGL</name>
    <message>
        <source>Qt&apos;s {platform} platform has no OpenGL</source>
        <translation>Qt 的 {platform} 平台不支持 OpenGL</translation>
    </message>
    <message>
        <source>PyOpenGL is not usable ({error})</source>
        <translation>PyOpenGL 不可用（{error}）</translation>
    </message>
    <message>
        <source>OpenGL failed to start ({error})</source>
        <translation>OpenGL 启动失败（{error}）</translation>
    </message>
</context>
<context>
    <name>PlaygroundCompare</name>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比较</translation>
    </message>
    <message>
        <source>Compare these settings</source>
        <translation>比较这几组设置</translation>
    </message>
    <message>
        <source>same data, same initial weights, 2 to 4 settings side by side</source>
        <translation>相同的数据、相同的初始权重，2 到 4 组设置并排训练</translation>
    </message>
    <message>
        <source>{optimizer} lr {lr}</source>
        <translation>{optimizer} η={lr}</translation>
    </message>
    <message>
        <source>, {setting}</source>
        <translation> {setting}</translation>
    </message>
</context>
<context>
    <name>PlaygroundControls</name>
    <message>
        <source>Cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Weighted cross-entropy</source>
        <translation>加权交叉熵</translation>
    </message>
    <message>
        <source>Focal</source>
        <translation>焦点损失</translation>
    </message>
    <message>
        <source>MSE on softmax</source>
        <translation>Softmax 输出的均方误差</translation>
    </message>
    <message>
        <source>MSE</source>
        <translation>均方误差</translation>
    </message>
    <message>
        <source>Circle</source>
        <translation>圆形</translation>
    </message>
    <message>
        <source>Exclusive or</source>
        <translation>异或</translation>
    </message>
    <message>
        <source>Two Gaussians</source>
        <translation>两个高斯分布</translation>
    </message>
    <message>
        <source>Spiral</source>
        <translation>螺旋</translation>
    </message>
    <message>
        <source>Moons</source>
        <translation>双月牙</translation>
    </message>
    <message>
        <source>class {k}</source>
        <translation>类别 {k}</translation>
    </message>
    <message>
        <source>Layer {k}:</source>
        <translation>第 {k} 层：</translation>
    </message>
    <message>
        <source>one unit fewer in layer {k}</source>
        <translation>第 {k} 层减少一个神经元</translation>
    </message>
    <message>
        <source>one unit more in layer {k}</source>
        <translation>第 {k} 层增加一个神经元</translation>
    </message>
    <message>
        <source>{n} unit</source>
        <translation>{n} 个神经元</translation>
    </message>
    <message>
        <source>{n} units</source>
        <translation>{n} 个神经元</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>classes: the spiral&apos;s arms (2 or 3)</source>
        <translation>类别数：螺旋的臂数（2 或 3）</translation>
    </message>
    <message>
        <source>arms</source>
        <translation>臂数</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>噪声</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>new points: the next seed</source>
        <translation>生成新的点：换用下一个随机种子</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>点数</translation>
    </message>
    <message>
        <source>class imbalance: keep this share of one class&apos;s points</source>
        <translation>类别不平衡：某一类别的点只保留这个比例</translation>
    </message>
    <message>
        <source>of class</source>
        <translation>针对</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留比例</translation>
    </message>
    <message>
        <source>a click on the plane adds a point of this class; right-click (or Shift+click) removes the nearest</source>
        <translation>在平面上点击会添加一个该类别的点；右键（或 Shift+点击）删除最近的点</translation>
    </message>
    <message>
        <source>Click adds</source>
        <translation>点击添加</translation>
    </message>
    <message>
        <source>test points</source>
        <translation>测试点</translation>
    </message>
    <message>
        <source>discretise</source>
        <translation>离散化</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>显示</translation>
    </message>
    <message>
        <source>Inputs</source>
        <translation>输入特征</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>one hidden layer fewer</source>
        <translation>减少一个隐藏层</translation>
    </message>
    <message>
        <source>one hidden layer more</source>
        <translation>增加一个隐藏层</translation>
    </message>
    <message>
        <source>Hidden layers</source>
        <translation>隐藏层数</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>focal loss γ: how much well-classified points are played down</source>
        <translation>焦点损失的 γ：已经分对的点被削弱的程度</translation>
    </message>
    <message>
        <source>focal γ</source>
        <translation>聚焦参数 γ</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>learning rate: changes apply at once, while training, without a reset</source>
        <translation>学习率：修改立即生效，训练中也可以改，无需重置</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>L2 weight decay λ: adds λ·w to each weight&apos;s gradient</source>
        <translation>L2 权重衰减 λ：在每个权重的梯度上加上 λ·w</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批量大小</translation>
    </message>
</context>
<context>
    <name>PlaygroundCurves</name>
    <message>
        <source>training</source>
        <translation>训练集</translation>
    </message>
    <message>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
</context>
<context>
    <name>PlaygroundDiagram</name>
    <message>
        <source>layer {layer}, unit {unit} ← {source}:  w = {w}</source>
        <translation>第 {layer} 层，神经元 {unit} ← {source}：w = {w}</translation>
    </message>
    <message>
        <source>,  ∂C/∂w = {gradient}</source>
        <translation>，∂C/∂w = {gradient}</translation>
    </message>
</context>
<context>
    <name>PlaygroundRender</name>
    <message>
        <source>diverged at epoch {epoch}</source>
        <translation>在第 {epoch} 轮发散</translation>
    </message>
    <message>
        <source>epoch {epoch}: train loss {train_loss}, test loss {test_loss}, test accuracy {accuracy}%</source>
        <translation>第 {epoch} 轮：训练损失 {train_loss}，测试损失 {test_loss}，测试准确率 {accuracy}%</translation>
    </message>
</context>
<context>
    <name>PlaygroundTab</name>
    <message>
        <source>Hover a unit for its map, an edge for w and ∂C/∂w.</source>
        <translation>鼠标悬停在神经元上可查看它的输出图，悬停在连线上可查看 w 和 ∂C/∂w。</translation>
    </message>
    <message>
        <source>Click a point to trace it in the Backpropagation tab; click empty space to add a point of the chosen class; right-click removes the nearest.</source>
        <translation>点击一个数据点，可在“反向传播”标签页中追踪它的计算；点击空白处添加一个所选类别的点；右键删除最近的点。</translation>
    </message>
    <message>
        <source>Diverged at epoch {epoch}: the loss is no longer a finite number. Lower the learning rate, then Reset.</source>
        <translation>在第 {epoch} 轮发散：损失已不再是有限的数。请调低学习率，然后点击“重置”。</translation>
    </message>
    <message>
        <source>Training goes on inside the window, more slowly: {why}.</source>
        <translation>训练改在窗口内继续，速度较慢：{why}。</translation>
    </message>
    <message>
        <source>New data: training started again from the initial weights (epoch 0).</source>
        <translation>数据已改变：训练从初始权重重新开始（第 0 轮）。</translation>
    </message>
    <message>
        <source>New settings: training started again from the initial weights (epoch 0).</source>
        <translation>设置已改变：训练从初始权重重新开始（第 0 轮）。</translation>
    </message>
    <message>
        <source>train continuously / pause</source>
        <translation>连续训练 / 暂停</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>train one epoch</source>
        <translation>训练一轮</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>back to the same initial weights</source>
        <translation>回到同样的初始权重</translation>
    </message>
    <message>
        <source>New weights</source>
        <translation>新权重</translation>
    </message>
    <message>
        <source>initial weights drawn from the next seed</source>
        <translation>用下一个随机种子重新抽取初始权重</translation>
    </message>
    <message>
        <source>❚❚  Pause</source>
        <translation>❚❚  暂停</translation>
    </message>
    <message>
        <source>▶  Play</source>
        <translation>▶  播放</translation>
    </message>
    <message>
        <source>This network diverged at epoch {epoch}: its weights are not finite numbers to trace. Lower the learning rate, then Reset.</source>
        <translation>这个网络在第 {epoch} 轮发散了：它的权重已不是有限的数，无法追踪。请调低学习率，然后点击“重置”。</translation>
    </message>
    <message>
        <source>Tracing a point needs GradLab&apos;s window, which holds the Backpropagation tab.</source>
        <translation>追踪一个点需要 GradLab 的主窗口，“反向传播”标签页在其中。</translation>
    </message>
    <message>
        <source>Epoch {epoch}</source>
        <translation>第 {epoch} 轮</translation>
    </message>
    <message>
        <source>Diverged at epoch {epoch}</source>
        <translation>在第 {epoch} 轮发散</translation>
    </message>
    <message>
        <source>{network}: diverged at epoch {epoch}. Lower its learning rate.</source>
        <translation>{network}：在第 {epoch} 轮发散。请调低它的学习率。</translation>
    </message>
    <message>
        <source>Layer {layer}, unit {unit}: its output (blue +, orange −)</source>
        <translation>第 {layer} 层，神经元 {unit}：它的输出（蓝色为正，橙色为负）</translation>
    </message>
    <message>
        <source>Not trained yet: Play or Step.</source>
        <translation>还没有训练：点击“播放”或“单步”。</translation>
    </message>
    <message>
        <source>Loss {train_loss} training, {test_loss} test;  accuracy {train_accuracy} / {test_accuracy}</source>
        <translation>损失：训练集 {train_loss}，测试集 {test_loss}；准确率 {train_accuracy} / {test_accuracy}</translation>
    </message>
    <message>
        <source>not trained yet</source>
        <translation>尚未训练</translation>
    </message>
    <message>
        <source>loss {train_loss} / {test_loss}, acc {test_accuracy}</source>
        <translation>损失 {train_loss} / {test_loss}，准确率 {test_accuracy}</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
</context>
<context>
    <name>QFileSystemModel</name>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
</context>
<context>
    <name>Race3D</name>
    <message>
        <source>The 3-D view is unavailable: {problem}.
Everything else works; run GradLab on a desktop with OpenGL to see the surface in 3-D.</source>
        <translation>三维视图不可用：{problem}。
其他功能都能正常使用；在支持 OpenGL 的桌面上运行 GradLab，就能看到曲面的三维视图。</translation>
    </message>
</context>
<context>
    <name>RaceCard</name>
    <message>
        <source>show or hide this optimizer&apos;s path, arrows and curves</source>
        <translation>显示或隐藏这个优化器的路径、箭头和曲线</translation>
    </message>
    <message>
        <source>remove {label} from the race</source>
        <translation>把 {label} 移出竞赛</translation>
    </message>
    <message>
        <source>{key} (range {lo} … {hi}, log scale)</source>
        <translation>{key}（取值范围 {lo} … {hi}，对数刻度）</translation>
    </message>
    <message>
        <source>{key} (range {lo} … {hi})</source>
        <translation>{key}（取值范围 {lo} … {hi}）</translation>
    </message>
    <message>
        <source>diverged at step {step}</source>
        <translation>在第 {step} 步发散</translation>
    </message>
</context>
<context>
    <name>RaceCurves</name>
    <message>
        <source>distance to minimum</source>
        <translation>到最近最小值点的距离</translation>
    </message>
    <message>
        <source>loss gap f − f_min</source>
        <translation>损失差 f − f_min</translation>
    </message>
    <message>
        <source>no minimum known</source>
        <translation>没有已知的最小值点</translation>
    </message>
    <message>
        <source>‖θ − θ*‖: each racer&apos;s distance to the nearest of the surface&apos;s minima θ*</source>
        <translation>‖θ − θ*‖：每个参赛者到曲面最近的最小值点 θ* 的距离</translation>
    </message>
    <message>
        <source>f(θ) − f_min, with f_min the lowest f found on the surface: 0 for a racer at any lowest point</source>
        <translation>f(θ) − f_min，其中 f_min 是在曲面上找到的最低 f 值：参赛者位于任一最低点时为 0</translation>
    </message>
    <message>
        <source>this surface lists no minimum, so there is no distance to one to draw</source>
        <translation>此曲面没有列出最小值点，因此没有可画的距离</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>log step axis</source>
        <translation>步数轴用对数刻度</translation>
    </message>
    <message>
        <source>show the step axis on a log scale (early steps spread out)</source>
        <translation>步数轴使用对数刻度（前面的步数会被拉开）</translation>
    </message>
</context>
<context>
    <name>RaceExport</name>
    <message>
        <source>{label} (diverged at step {step})</source>
        <translation>{label}（在第 {step} 步发散）</translation>
    </message>
    <message>
        <source>GradLab optimizer race</source>
        <translation>GradLab 优化器竞赛</translation>
    </message>
    <message>
        <source>GradLab optimizer race: {title}</source>
        <translation>GradLab 优化器竞赛：{title}</translation>
    </message>
</context>
<context>
    <name>RaceHyper</name>
    <message>
        <source>Drag right for a bigger value, left for a smaller one (from {lo} to {hi}). The slider works by multiplying: moving it a tenth of its length multiplies the value by about {factor}, so small values get as much room as large ones.</source>
        <translation>向右拖动数值变大，向左拖动数值变小（从 {lo} 到 {hi}）。这个滑块按乘法变化：每移动全长的十分之一，数值大约乘以 {factor}，所以小的数值和大的数值有同样多的调节空间。</translation>
    </message>
</context>
<context>
    <name>RaceLayout</name>
    <message>
        <source>Hover over the surface to read x, y and f(x, y); click or drag the ✛ to move the start.</source>
        <translation>把鼠标悬停在曲面上，可以读出 x、y 和 f(x, y)；点击曲面或拖动 ✛ 可以移动起点。</translation>
    </message>
    <message>
        <source>Surface</source>
        <translation>曲面</translation>
    </message>
    <message>
        <source>Optimizers</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>What to watch for</source>
        <translation>观察要点</translation>
    </message>
    <message>
        <source>Surface (2-D)</source>
        <translation>曲面（二维）</translation>
    </message>
    <message>
        <source>3-D</source>
        <translation>三维</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>讲解</translation>
    </message>
    <message>
        <source>Why momentum</source>
        <translation>动量原理</translation>
    </message>
    <message>
        <source>The dashed arrow points down the gradient (−∇f), scaled by the racer&apos;s learning rate η; the solid arrow is θ_{t+1} − θ_t. One factor per racer makes the longer arrow 60 px long.</source>
        <translation>虚线箭头指向梯度下降的方向（−∇f），按该参赛者的学习率 η 缩放；实线箭头是 θ_{t+1} − θ_t。每个参赛者用同一个缩放系数，使两支箭头中较长的一支长 60 px。</translation>
    </message>
</context>
<context>
    <name>RaceLesson</name>
    <message>
        <source>&lt;b&gt;What to watch for.&lt;/b&gt; {lesson}</source>
        <translation>&lt;b&gt;观察要点：&lt;/b&gt;{lesson}</translation>
    </message>
</context>
<context>
    <name>RaceMomentum</name>
    <message>
        <source>diverges</source>
        <translation>发散</translation>
    </message>
    <message>
        <source>learning rate η (log)</source>
        <translation>学习率 η（对数）</translation>
    </message>
    <message>
        <source>momentum β</source>
        <translation>动量系数 β</translation>
    </message>
    <message>
        <source>rate ρ of momentum</source>
        <translation>收敛率 ρ</translation>
    </message>
    <message>
        <source>The Hessian H of f and its eigen-decomposition H vᵢ = λᵢ vᵢ. Shift+click the surface to read it at another point.</source>
        <translation>f 的海森矩阵 H 及其特征分解 H vᵢ = λᵢ vᵢ。按住 Shift 点击曲面，可以读取另一点处的海森矩阵。</translation>
    </message>
    <message>
        <source>the racer whose error, rate and hyperparameters the panel shows and sets</source>
        <translation>本面板显示并设置哪个参赛者的误差、收敛率和超参数</translation>
    </message>
    <message>
        <source>Optimal</source>
        <translation>最优</translation>
    </message>
    <message>
        <source>set the selected Momentum racer to the optimum η* = (2 / (√λ₁ + √λ₂))², β* = ((√κ − 1)/(√κ + 1))²</source>
        <translation>把选中的动量法参赛者设为最优值 η* = (2 / (√λ₁ + √λ₂))²，β* = ((√κ − 1)/(√κ + 1))²</translation>
    </message>
    <message>
        <source>along {v}</source>
        <translation>沿 {v}</translation>
    </message>
    <message>
        <source>dashed: the predicted |cᵢ(0)| ρᵢᵗ</source>
        <translation>虚线：预测值 |cᵢ(0)| ρᵢᵗ</translation>
    </message>
    <message>
        <source>error along each eigen-direction</source>
        <translation>沿各特征方向的误差</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>f has no finite Hessian at {point}: Shift+click a point where it is defined.</source>
        <translation>f 在 {point} 处没有有限的海森矩阵：请按住 Shift 点击一个有定义的点。</translation>
    </message>
    <message>
        <source>no Hessian here</source>
        <translation>此处没有海森矩阵</translation>
    </message>
    <message>
        <source>f is quadratic: one Hessian everywhere (exact)</source>
        <translation>f 是二次函数：处处是同一个海森矩阵（精确）</translation>
    </message>
    <message>
        <source>local quadratic model at {point} (Hessian exact)</source>
        <translation>{point} 处的局部二次模型（海森矩阵为精确值）</translation>
    </message>
    <message>
        <source>local quadratic model at {point} (Hessian by finite differences)</source>
        <translation>{point} 处的局部二次模型（海森矩阵由有限差分求得）</translation>
    </message>
    <message>
        <source>λ₁ ≤ 0, not a bowl here (a saddle, a ridge or a flat valley), so no η, β converges to this point.</source>
        <translation>λ₁ ≤ 0，这里不是碗形（而是鞍点、山脊或平坦的谷底），所以没有哪组 η、β 能收敛到这一点。</translation>
    </message>
    <message>
        <source>not convex here:
no (η, β) converges</source>
        <translation>此处非凸：
没有能收敛的 (η, β)</translation>
    </message>
    <message>
        <source>★ η* = {lr}, β* = {beta}: ρ = {rate} · stable: GD η &lt; 2/λ₂ = {gd} (dotted), momentum η &lt; 2(1 + β)/λ₂ (red edge) · dashed: critical damping</source>
        <translation>★ η* = {lr}，β* = {beta}：ρ = {rate} · 稳定条件：梯度下降 η &lt; 2/λ₂ = {gd}（点线），动量法 η &lt; 2(1 + β)/λ₂（红色边界） · 虚线：临界阻尼</translation>
    </message>
    <message>
        <source>The optimum η* = (2 / (√λ₁ + √λ₂))², β* = ((√κ − 1)/(√κ + 1))² (the star). Gradient descent (β = 0) diverges for η ≥ 2/λ_max = {gd} (dotted line); momentum for η ≥ 2(1 + β)/λ_max (the red edge of the grey region). Dashed: the critical damping β = (1 − √(ηλᵢ))², white for λ₁, amber for λ₂: above a curve that direction spirals in at √β, below it decays without oscillating. The SGD and Momentum racers&apos; learning-rate sliders carry a red mark at their own limit.</source>
        <translation>最优值 η* = (2 / (√λ₁ + √λ₂))²，β* = ((√κ − 1)/(√κ + 1))²（星号）。梯度下降（β = 0）在 η ≥ 2/λ_max = {gd} 时发散（点线）；动量法在 η ≥ 2(1 + β)/λ_max 时发散（灰色区域的红色边界）。虚线是临界阻尼 β = (1 − √(ηλᵢ))²，白色对应 λ₁，琥珀色对应 λ₂：在曲线上方，这个方向以 √β 的比率螺旋式收敛；在曲线下方，它不振荡地衰减。SGD 和动量法参赛者的学习率滑块上，在各自的上限处有一条红色标记。</translation>
    </message>
    <message>
        <source>2(1 + β)/λ_max with β = {beta}</source>
        <translation>2(1 + β)/λ_max，其中 β = {beta}</translation>
    </message>
    <message>
        <source>Red mark: η = {rule} = {limit}, beyond which this racer diverges here (λ_max = {lam}).</source>
        <translation>红色标记：η = {rule} = {limit}，超过它，这个参赛者在这里就会发散（λ_max = {lam}）。</translation>
    </message>
    <message>
        <source>predicted: — (heavy-ball theory covers SGD and Momentum without weight decay, on a bowl)</source>
        <translation>预测值：—（重球法理论只适用于碗形曲面上不带权重衰减的 SGD 和动量法）</translation>
    </message>
    <message>
        <source>predicted {rate}</source>
        <translation>预测值 {rate}</translation>
    </message>
    <message>
        <source>predicted {rate} by the local model at {point}</source>
        <translation>由 {point} 处的局部模型预测为 {rate}</translation>
    </message>
    <message>
        <source>No minimum known on this surface: no error to measure. {predicted}</source>
        <translation>这个曲面上没有已知的最小值点：无从测量误差。{predicted}</translation>
    </message>
    <message>
        <source>rate per step, measured over steps {first}–{last}: {rate} · {predicted}{gap}</source>
        <translation>每步收敛率，在第 {first}–{last} 步上实测：{rate} · {predicted}{gap}</translation>
    </message>
    <message>
        <source>rate per step: {predicted} · measured: run the race past step {step}</source>
        <translation>每步收敛率：{predicted} · 实测值：请让竞赛运行超过第 {step} 步</translation>
    </message>
</context>
<context>
    <name>RaceOptimizer</name>
    <message>
        <source>Plain gradient descent.

.. code-block:: text

    input: η (lr), θ₀ (params), f(θ) (objective), λ (weight_decay)
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        θ_t ← θ_{t−1} − η g_t
    return θ_t</source>
        <translation>普通梯度下降。

    输入：η (lr), θ₀ (初始参数), f(θ) (目标函数), λ (weight_decay)
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        θ_t ← θ_{t−1} − η g_t
    返回 θ_t</translation>
    </message>
    <message>
        <source>Heavy-ball momentum, exactly torch.optim.SGD(momentum=μ).

.. code-block:: text

    input: η (lr), μ (momentum), λ (weight_decay), θ₀ (params), f(θ) (objective)
    initialize: b₀ ← 0 (velocity)
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        b_t ← μ b_{t−1} + g_t
        θ_t ← θ_{t−1} − η b_t
    return θ_t

Note: as in torch, the buffer holds a sum of gradients, not of steps, and its first
value is g₁ (Sutskever et al. and many texts start from a zero *step*; with b₀ = 0 the
two agree). The textbook form v_t = γ v_{t−1} + η g_t, θ_t = θ_{t−1} − v_t is the same
algorithm for a constant learning rate: v_t = η b_t. They differ once η changes (a
scheduler): the textbook velocity keeps the old η baked into its past steps, while
torch&apos;s b is rescaled by the new η at once.</source>
        <translation>重球动量法，与 torch.optim.SGD(momentum=μ) 完全一致。

    输入：η (lr), μ (momentum), λ (weight_decay), θ₀ (初始参数), f(θ) (目标函数)
    初始化：b₀ ← 0 (速度)
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        b_t ← μ b_{t−1} + g_t
        θ_t ← θ_{t−1} − η b_t
    返回 θ_t

注意：与 torch 一样，这里的缓冲区累加的是梯度而不是步长，它的第一个值是 g₁（Sutskever 等人和许多教材从零“步长”开始；当 b₀ = 0 时两者一致）。教材中的写法 v_t = γ v_{t−1} + η g_t，θ_t = θ_{t−1} − v_t 在学习率不变时是同一个算法：v_t = η b_t。一旦 η 发生变化（使用学习率调度器），两者就不同了：教材中的速度把旧的 η 留在了过去的步子里，而 torch 的 b 会立刻按新的 η 缩放。</translation>
    </message>
    <message>
        <source>Nesterov momentum, exactly torch.optim.SGD(momentum=μ, nesterov=True).

.. code-block:: text

    input: η (lr), μ (momentum), λ (weight_decay), θ₀ (params), f(θ) (objective)
    initialize: b₀ ← 0 (velocity)
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        b_t ← μ b_{t−1} + g_t
        θ_t ← θ_{t−1} − η (g_t + μ b_t)
    return θ_t

Note: Nesterov&apos;s original method evaluates the gradient at a look-ahead point
θ − ημb; this is the equivalent reformulation (Sutskever et al., 2013; Bengio et al.)
that needs the gradient at θ only, as in torch. The look-ahead shows up as the extra
μ b_t in the step.</source>
        <translation>Nesterov 动量法，与 torch.optim.SGD(momentum=μ, nesterov=True) 完全一致。

    输入：η (lr), μ (momentum), λ (weight_decay), θ₀ (初始参数), f(θ) (目标函数)
    初始化：b₀ ← 0 (速度)
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        b_t ← μ b_{t−1} + g_t
        θ_t ← θ_{t−1} − η (g_t + μ b_t)
    返回 θ_t

注意：Nesterov 的原始方法在前瞻点 θ − ημb 处计算梯度；这里用的是与之等价的改写形式（Sutskever 等人，2013；Bengio 等人），与 torch 一样只需要 θ 处的梯度。前瞻体现在步长里多出来的 μ b_t 这一项。</translation>
    </message>
    <message>
        <source>RMSprop, exactly torch.optim.RMSprop (no momentum, not centered).

.. code-block:: text

    input: η (lr), α (alpha), ε (eps), λ (weight_decay), θ₀ (params), f(θ) (objective)
    initialize: v₀ ← 0
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        v_t ← α v_{t−1} + (1 − α) g_t²
        θ_t ← θ_{t−1} − η g_t / (√v_t + ε)
    return θ_t

Note: torch (and this code) put ε outside the square root; Hinton&apos;s lecture and many
texts write √(v_t + ε). With ``eps_in_sqrt=True`` the step is η g_t / √(v_t + ε),
the textbook form. The two differ only while v_t is of the order of ε.</source>
        <translation>RMSprop，与 torch.optim.RMSprop 完全一致（不带动量，不做中心化）。

    输入：η (lr), α (alpha), ε (eps), λ (weight_decay), θ₀ (初始参数), f(θ) (目标函数)
    初始化：v₀ ← 0
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        v_t ← α v_{t−1} + (1 − α) g_t²
        θ_t ← θ_{t−1} − η g_t / (√v_t + ε)
    返回 θ_t

注意：torch（以及这里的代码）把 ε 放在平方根外面；Hinton 的课程和许多教材写作 √(v_t + ε)。设置 ``eps_in_sqrt=True`` 时，步长为 η g_t / √(v_t + ε)，即教材中的形式。两者只在 v_t 与 ε 同一量级时才有差别。</translation>
    </message>
    <message>
        <source>Adagrad, exactly torch.optim.Adagrad.

.. code-block:: text

    input: η (lr), η_decay (lr_decay), ε (eps), λ (weight_decay),
           G₀ (initial_accumulator_value), θ₀ (params), f(θ) (objective)
    initialize: G ← G₀ (sum_sq)
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        η̃ ← η / (1 + (t − 1) η_decay)
        G_t ← G_{t−1} + g_t²
        θ_t ← θ_{t−1} − η̃ g_t / (√G_t + ε)
    return θ_t

Note: Duchi et al. divide by √G_t (with ε only to avoid 0/0); as torch, ε is added
outside the root and defaults to 1e-10. The sum only grows, so steps only shrink.</source>
        <translation>Adagrad，与 torch.optim.Adagrad 完全一致。

    输入：η (lr), η_decay (lr_decay), ε (eps), λ (weight_decay),
           G₀ (initial_accumulator_value), θ₀ (初始参数), f(θ) (目标函数)
    初始化：G ← G₀ (梯度平方和)
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        η̃ ← η / (1 + (t − 1) η_decay)
        G_t ← G_{t−1} + g_t²
        θ_t ← θ_{t−1} − η̃ g_t / (√G_t + ε)
    返回 θ_t

注意：Duchi 等人除以 √G_t（ε 只用来避免 0/0）；这里与 torch 一样，ε 加在根号外面，默认值为 1e-10。平方和只增不减，所以步长只会越来越小。</translation>
    </message>
    <message>
        <source>Adam, exactly torch.optim.Adam (amsgrad off).

.. code-block:: text

    input: η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
           θ₀ (params), f(θ) (objective)
    initialize: m₀ ← 0 (first moment), v₀ ← 0 (second moment)
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        m_t ← β₁ m_{t−1} + (1 − β₁) g_t
        v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
        m̂_t ← m_t / (1 − β₁ᵗ)
        v̂_t ← v_t / (1 − β₂ᵗ)
        θ_t ← θ_{t−1} − η m̂_t / (√v̂_t + ε)
    return θ_t

Note: this is Algorithm 1 of Kingma &amp; Ba, ε outside the root of the bias-corrected
v̂. The paper&apos;s &quot;efficient&quot; variant (and TensorFlow&apos;s Keras default) adds ε to √v
before bias correction instead, which differs while v is tiny. Weight decay here is
coupled L2 (added to g, so it is rescaled by v); see AdamW for the decoupled kind.</source>
        <translation>Adam，与 torch.optim.Adam 完全一致（不启用 amsgrad）。

    输入：η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
           θ₀ (初始参数), f(θ) (目标函数)
    初始化：m₀ ← 0 (一阶矩), v₀ ← 0 (二阶矩)
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        m_t ← β₁ m_{t−1} + (1 − β₁) g_t
        v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
        m̂_t ← m_t / (1 − β₁ᵗ)
        v̂_t ← v_t / (1 − β₂ᵗ)
        θ_t ← θ_{t−1} − η m̂_t / (√v̂_t + ε)
    返回 θ_t

注意：这是 Kingma 和 Ba 论文中的算法 1，ε 放在偏差校正后的 v̂ 的根号外面。论文中的“高效”版本（以及 TensorFlow 中 Keras 的默认实现）则是在偏差校正之前把 ε 加到 √v 上，在 v 很小时两者会有差别。这里的权重衰减是耦合的 L2 正则（加到 g 上，因此会被 v 重新缩放）；解耦的权重衰减见 AdamW。</translation>
    </message>
    <message>
        <source>AdamW, exactly torch.optim.AdamW (amsgrad off).

.. code-block:: text

    input: η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
           θ₀ (params), f(θ) (objective)
    initialize: m₀ ← 0, v₀ ← 0
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1})
        θ_{t−1} ← θ_{t−1} − η λ θ_{t−1}
        m_t ← β₁ m_{t−1} + (1 − β₁) g_t
        v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
        θ_t ← θ_{t−1} − η m̂_t / (√v̂_t + ε)      (m̂, v̂ as in Adam)
    return θ_t

Note: Loshchilov &amp; Hutter scale the decay by a schedule multiplier only (θ ← θ − λθ);
torch, and this code, multiply it by η as well. The decay is *decoupled*: it never
enters m or v, so every weight shrinks at the same rate.</source>
        <translation>AdamW，与 torch.optim.AdamW 完全一致（不启用 amsgrad）。

    输入：η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
           θ₀ (初始参数), f(θ) (目标函数)
    初始化：m₀ ← 0, v₀ ← 0
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1})
        θ_{t−1} ← θ_{t−1} − η λ θ_{t−1}
        m_t ← β₁ m_{t−1} + (1 − β₁) g_t
        v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
        θ_t ← θ_{t−1} − η m̂_t / (√v̂_t + ε)      (m̂、v̂ 同 Adam)
    返回 θ_t

注意：Loshchilov 和 Hutter 只用调度乘子来缩放衰减（θ ← θ − λθ）；torch 和这里的代码还会再乘以 η。这种衰减是“解耦”的：它从不进入 m 或 v，所以每个权重都按相同的比例缩小。</translation>
    </message>
    <message>
        <source>Adamax (Adam with the infinity norm), exactly torch.optim.Adamax.

.. code-block:: text

    input: η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
           θ₀ (params), f(θ) (objective)
    initialize: m₀ ← 0, u₀ ← 0
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        m_t ← β₁ m_{t−1} + (1 − β₁) g_t
        u_t ← max(β₂ u_{t−1}, |g_t| + ε)
        θ_t ← θ_{t−1} − η m_t / ((1 − β₁ᵗ) u_t)
    return θ_t

Note: Kingma &amp; Ba write max(β₂ u, |g|) and divide by u alone; torch adds ε inside
the max so u is never 0.</source>
        <translation>Adamax（使用无穷范数的 Adam），与 torch.optim.Adamax 完全一致。

    输入：η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
           θ₀ (初始参数), f(θ) (目标函数)
    初始化：m₀ ← 0, u₀ ← 0
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        m_t ← β₁ m_{t−1} + (1 − β₁) g_t
        u_t ← max(β₂ u_{t−1}, |g_t| + ε)
        θ_t ← θ_{t−1} − η m_t / ((1 − β₁ᵗ) u_t)
    返回 θ_t

注意：Kingma 和 Ba 写作 max(β₂ u, |g|)，并且只除以 u；torch 在 max 里加上 ε，使 u 永远不为 0。</translation>
    </message>
    <message>
        <source>NAdam (Adam with Nesterov momentum), exactly torch.optim.NAdam.

.. code-block:: text

    input: η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
           ψ (momentum_decay), θ₀ (params), f(θ) (objective)
    initialize: m₀ ← 0, v₀ ← 0, Π₀ ← 1 (mu_product)
    for t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        μ_t ← β₁ (1 − ½ · 0.96^(t ψ)),  μ_{t+1} ← β₁ (1 − ½ · 0.96^((t+1) ψ))
        Π_t ← Π_{t−1} μ_t
        m_t ← β₁ m_{t−1} + (1 − β₁) g_t
        v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
        v̂_t ← v_t / (1 − β₂ᵗ)
        θ_t ← θ_{t−1} − η (1 − μ_t) / (1 − Π_t) · g_t / (√v̂_t + ε)
                      − η μ_{t+1} / (1 − Π_t μ_{t+1}) · m_t / (√v̂_t + ε)
    return θ_t

Note: Dozat&apos;s momentum schedule μ_t, as torch implements it (ψ = 0.004).</source>
        <translation>NAdam（带 Nesterov 动量的 Adam），与 torch.optim.NAdam 完全一致。

    输入：η (lr), β₁ (beta1), β₂ (beta2), ε (eps), λ (weight_decay),
           ψ (momentum_decay), θ₀ (初始参数), f(θ) (目标函数)
    初始化：m₀ ← 0, v₀ ← 0, Π₀ ← 1 (μ 连乘积)
    对 t = 1, 2, ...
        g_t ← ∇f(θ_{t−1}) + λ θ_{t−1}
        μ_t ← β₁ (1 − ½ · 0.96^(t ψ)),  μ_{t+1} ← β₁ (1 − ½ · 0.96^((t+1) ψ))
        Π_t ← Π_{t−1} μ_t
        m_t ← β₁ m_{t−1} + (1 − β₁) g_t
        v_t ← β₂ v_{t−1} + (1 − β₂) g_t²
        v̂_t ← v_t / (1 − β₂ᵗ)
        θ_t ← θ_{t−1} − η (1 − μ_t) / (1 − Π_t) · g_t / (√v̂_t + ε)
                      − η μ_{t+1} / (1 − Π_t μ_{t+1}) · m_t / (√v̂_t + ε)
    返回 θ_t

注意：动量调度 μ_t 采用 Dozat 的方案，与 torch 的实现相同（ψ = 0.004）。</translation>
    </message>
    <message>
        <source>update rule</source>
        <translation>更新规则</translation>
    </message>
</context>
<context>
    <name>RacePanel</name>
    <message>
        <source>Add optimizer</source>
        <translation>添加优化器</translation>
    </message>
    <message>
        <source>at most {n} racers</source>
        <translation>最多 {n} 个参赛者</translation>
    </message>
    <message>
        <source>add another racer (the same optimizer twice is fine)</source>
        <translation>再添加一个参赛者（同一种优化器添加两次也可以）</translation>
    </message>
</context>
<context>
    <name>RaceScenario</name>
    <message>
        <source>cannot read {path}: {why}</source>
        <translation>无法读取 {path}：{why}</translation>
    </message>
    <message>
        <source>{path} is {why}</source>
        <translation>{path}：{why}</translation>
    </message>
    <message>
        <source>{path} is not UTF-8 text</source>
        <translation>{path} 不是 UTF-8 文本</translation>
    </message>
    <message>
        <source>nested {depth} deep, more than {most}</source>
        <translation>嵌套了 {depth} 层，超过了 {most} 层</translation>
    </message>
    <message>
        <source>not valid JSON (line {line}: {why})</source>
        <translation>不是有效的 JSON（第 {line} 行：{why}）</translation>
    </message>
    <message>
        <source>not valid JSON ({why})</source>
        <translation>不是有效的 JSON（{why}）</translation>
    </message>
    <message>
        <source>{name} is not a number in JSON</source>
        <translation>{name} 不是 JSON 中的数</translation>
    </message>
    <message>
        <source>the top level must be a JSON object</source>
        <translation>最外层必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>missing (this file is not a GradLab scenario)</source>
        <translation>缺失（这个文件不是 GradLab 场景）</translation>
    </message>
    <message>
        <source>must be the whole number {version}, got {value}</source>
        <translation>必须是整数 {version}，实为 {value}</translation>
    </message>
    <message>
        <source>unsupported version {value} (expected {version})</source>
        <translation>不支持的版本 {value}（应为 {version}）</translation>
    </message>
    <message>
        <source>unknown field</source>
        <translation>未知字段</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>must be text, got {value}</source>
        <translation>必须是文本，实为 {value}</translation>
    </message>
    <message>
        <source>too long ({n} characters, at most {most})</source>
        <translation>太长（{n} 个字符，最多 {most} 个）</translation>
    </message>
    <message>
        <source>must be a finite number, got {value}</source>
        <translation>必须是有限的数，实为 {value}</translation>
    </message>
    <message>
        <source>must be within ±{most}, got {value}</source>
        <translation>必须在 ±{most} 之内，实为 {value}</translation>
    </message>
    <message>
        <source>must be a list of {n} numbers, got {value}</source>
        <translation>必须是由 {n} 个数组成的列表，实为 {value}</translation>
    </message>
    <message>
        <source>must be a whole number from {lo} to {hi}, got {value}</source>
        <translation>必须是 {lo} 到 {hi} 之间的整数，实为 {value}</translation>
    </message>
    <message>
        <source>must be &gt; 0 steps per second or &quot;max&quot;, got {value}</source>
        <translation>必须是大于 0 的每秒步数或 &quot;max&quot;，实为 {value}</translation>
    </message>
    <message>
        <source>must be {&quot;name&quot;: ...} or {&quot;formula&quot;: ..., &quot;bounds&quot;: [...]}</source>
        <translation>必须是 {&quot;name&quot;: ...} 或 {&quot;formula&quot;: ..., &quot;bounds&quot;: [...]}</translation>
    </message>
    <message>
        <source>needs &quot;name&quot; or &quot;formula&quot;</source>
        <translation>需要 &quot;name&quot; 或 &quot;formula&quot;</translation>
    </message>
    <message>
        <source>must be a non-empty list</source>
        <translation>必须是非空列表</translation>
    </message>
    <message>
        <source>{n} racers, at most {most}</source>
        <translation>{n} 个参赛者，最多 {most} 个</translation>
    </message>
    <message>
        <source>must be an object</source>
        <translation>必须是一个对象</translation>
    </message>
    <message>
        <source>unknown optimizer {value}; known: {names}</source>
        <translation>未知的优化器 {value}；已知的有：{names}</translation>
    </message>
    <message>
        <source>not a hyperparameter of {name}</source>
        <translation>不是 {name} 的超参数</translation>
    </message>
    <message>
        <source>must be like &quot;#ff8800&quot;, got {value}</source>
        <translation>必须形如 &quot;#ff8800&quot;，实为 {value}</translation>
    </message>
    <message>
        <source>must be true or false, got {value}</source>
        <translation>必须是 true 或 false，实为 {value}</translation>
    </message>
</context>
<context>
    <name>RaceSurface</name>
    <message>
        <source>Quadratic bowl</source>
        <translation>二次碗形函数</translation>
    </message>
    <message>
        <source>A round bowl (Hessian = I, λ = 1): the gradient points straight at the centre, so SGD and Momentum run straight in, while RMSprop and Adam scale each coordinate on its own and their paths bend; gradient descent is stable for η &lt; 2/λ = 2.</source>
        <translation>一个圆形的碗（海森矩阵 = I，λ = 1）：梯度直指中心，所以 SGD 和动量法径直冲向中心；而 RMSprop 和 Adam 对每个坐标分别缩放，路径会弯曲。梯度下降在 η &lt; 2/λ = 2 时稳定。</translation>
    </message>
    <message>
        <source>Ill-conditioned quadratic (ravine)</source>
        <translation>病态二次函数（峡谷）</translation>
    </message>
    <message>
        <source>A narrow ravine with Hessian eigenvalues λ = 1 and λₘₐₓ = 25 (condition number 25): SGD is stable only for η &lt; 2/λₘₐₓ = 0.08, and near that limit it zig-zags across the ravine while crawling along it. At the same η, Momentum reaches the minimum many times sooner than SGD.</source>
        <translation>一条狭窄的峡谷，海森矩阵的特征值是 λ = 1 和 λₘₐₓ = 25（条件数为 25）：SGD 只有在 η &lt; 2/λₘₐₓ = 0.08 时才稳定；接近这个上限时，它一边在峡谷两侧来回振荡，一边沿着峡谷慢慢爬。在相同的 η 下，动量法到达最小值点要比 SGD 快很多倍。</translation>
    </message>
    <message>
        <source>Rosenbrock&apos;s banana</source>
        <translation>Rosenbrock 香蕉函数</translation>
    </message>
    <message>
        <source>Finding the curved valley is easy; following its flat floor to (1, 1) is slow, and too large a learning rate bounces off its steep walls: SGD with η = 0.002 zig-zags across the floor, and with η = 0.003 it is thrown out within a few steps.</source>
        <translation>找到弯曲的山谷很容易；沿着平坦的谷底走到 (1, 1) 却很慢，而学习率太大又会在陡峭的谷壁间来回反弹：η = 0.002 的 SGD 在谷底两侧来回振荡，η = 0.003 时几步之内就被甩了出去。</translation>
    </message>
    <message>
        <source>Beale&apos;s function</source>
        <translation>Beale 函数</translation>
    </message>
    <message>
        <source>Flat plateaus next to walls that climb steeply to the corners: watch which optimizers find the narrow valley to (3, 0.5) and which stall on the flat (SGD, with η = 0.001).</source>
        <translation>平坦的平台紧挨着陡峭地爬向四个角的墙壁：看看哪些优化器能找到通往 (3, 0.5) 的窄窄的山谷，哪些会在平地上停滞不前（η = 0.001 的 SGD）。</translation>
    </message>
    <message>
        <source>Himmelblau&apos;s function</source>
        <translation>Himmelblau 函数</translation>
    </message>
    <message>
        <source>Four equally good minima around a hill at (−0.27, −0.92): starting near its top, optimizers with different step rules roll into different minima.</source>
        <translation>四个同样好的最小值点围绕着 (−0.27, −0.92) 处的一座小山：从山顶附近出发，更新规则不同的优化器会滚进不同的最小值点。</translation>
    </message>
    <message>
        <source>Rastrigin&apos;s function</source>
        <translation>Rastrigin 函数</translation>
    </message>
    <message>
        <source>An egg-crate of local minima on a bowl: small steps get trapped in the nearest dimple (from (−3.3, 2.8), with η ≤ 0.05, every optimizer stops in the one at (−2.98, 2.98)); only larger steps or momentum can hop towards (0, 0), as the Rastrigin scenario shows.</source>
        <translation>碗面上布满局部最小值，像一个蛋托：小步长会被困在最近的小坑里（从 (−3.3, 2.8) 出发、η ≤ 0.05 时，每个优化器都停在 (−2.98, 2.98) 处的小坑里）；只有更大的步长或者动量才能朝 (0, 0) 跳过去，Rastrigin 场景演示了这一点。</translation>
    </message>
    <message>
        <source>Saddle point</source>
        <translation>鞍点</translation>
    </message>
    <message>
        <source>No minimum (minima = []): the origin is a saddle. Started just off the x-axis, SGD slides towards the saddle, slowing as |∇f| shrinks, and stays near the x-axis, while RMSprop and Adam amplify the tiny y-gradient and escape downhill within a few dozen steps.</source>
        <translation>没有最小值点：原点是一个鞍点。从稍稍偏离 x 轴的地方出发，SGD 滑向鞍点，随着 |∇f| 变小而越来越慢，并一直待在 x 轴附近；而 RMSprop 和 Adam 会放大微小的 y 方向梯度，在几十步之内就逃下坡去。</translation>
    </message>
    <message>
        <source>Monkey saddle</source>
        <translation>猴鞍面</translation>
    </message>
    <message>
        <source>No minimum (minima = []): a saddle with three valleys and a Hessian of zero at the origin, so the gradient vanishes quadratically (|∇f| = 3r² at distance r): SGD slows to a crawl as it nears the origin before it slides off down a valley, long after Momentum, RMSprop and Adam have left.</source>
        <translation>没有最小值点：这是一个有三条山谷的鞍面，原点处的海森矩阵为零，所以梯度按二次方消失（在距离 r 处 |∇f| = 3r²）：SGD 接近原点时慢得像在爬，之后才沿某一条山谷滑下去，而动量法、RMSprop 和 Adam 早就离开了。</translation>
    </message>
    <message>
        <source>Styblinski–Tang function</source>
        <translation>Styblinski–Tang 函数</translation>
    </message>
    <message>
        <source>Four basins of different depths: from the corner, plain descent settles in the shallowest basin at (2.75, 2.75); the deepest is at (−2.90, −2.90).</source>
        <translation>四个深浅不同的盆地：从角落出发，普通的梯度下降会停在最浅的盆地 (2.75, 2.75)；最深的盆地在 (−2.90, −2.90)。</translation>
    </message>
    <message>
        <source>Goldstein–Price function</source>
        <translation>Goldstein–Price 函数</translation>
    </message>
    <message>
        <source>Values span six orders of magnitude (3 to ~10⁶) with local minima on the way. The start (1.5, 1.5) is on a steep wall: even η = 0.001 makes SGD and Momentum explode within two steps, while Adam, whose steps are about η whatever the slope, comes down the wall and stops in the local minimum near (1.2, 0.8) (f = 840, against 3 at (0, −1)).</source>
        <translation>函数值跨越六个数量级（从 3 到约 10⁶），途中还有局部最小值。起点 (1.5, 1.5) 在一面陡峭的墙上：即使 η = 0.001，SGD 和动量法也会在两步之内爆炸；而 Adam 的步长不管坡度如何都约为 η，它沿着墙壁走下来，停在 (1.2, 0.8) 附近的局部最小值（f = 840，而 (0, −1) 处只有 3）。</translation>
    </message>
    <message>
        <source>Booth&apos;s function</source>
        <translation>Booth 函数</translation>
    </message>
    <message>
        <source>A tilted quadratic (Hessian eigenvalues 18 and 2): from (−6, 4) the gradient points 45° away from the minimum, so SGD first drops into the valley along the steep direction, then turns and curves in along the gentle one; it is stable for η &lt; 2/18 ≈ 0.11.</source>
        <translation>一个倾斜的二次函数（海森矩阵特征值为 18 和 2）：从 (−6, 4) 出发，梯度方向与指向最小值点的方向相差 45°，所以 SGD 先沿陡峭的方向落进山谷，再转个弯，沿平缓的方向弯进去；它在 η &lt; 2/18 ≈ 0.11 时稳定。</translation>
    </message>
    <message>
        <source>Six-hump camel function</source>
        <translation>六峰驼背函数</translation>
    </message>
    <message>
        <source>Two global minima near (±0.09, ∓0.71) among four local ones: from the start (−1.5, −1), careful descent settles in the local minimum at (−1.61, −0.57).</source>
        <translation>两个全局最小值在 (±0.09, ∓0.71) 附近，另外还有四个局部最小值：从起点 (−1.5, −1) 出发，小心翼翼的下降会停在 (−1.61, −0.57) 处的局部最小值。</translation>
    </message>
    <message>
        <source>Plateau and cliff</source>
        <translation>平台与悬崖</translation>
    </message>
    <message>
        <source>On the plateau |∇f| is a few 10⁻³, so SGD barely moves while Adam steps about η per iteration whatever the slope, and RMSprop several η (its average of g² starts from zero and lags behind the growing slope); a learning rate large enough for SGD to cross the plateau flings it off the cliff (slope ≈ 2.6) round the well.</source>
        <translation>在平台上 |∇f| 只有几个 10⁻³，所以 SGD 几乎不动；而 Adam 不管坡度如何，每次迭代都走大约 η，RMSprop 则走好几个 η（它对 g² 的平均从零开始，跟不上越来越陡的坡）；学习率大到能让 SGD 越过平台时，它也会在凹坑边的悬崖（坡度 ≈ 2.6）处被甩飞出去。</translation>
    </message>
    <message>
        <source>MSE on sigmoid</source>
        <translation>Sigmoid 输出的均方误差</translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Focal loss</source>
        <translation>焦点损失（Focal Loss）</translation>
    </message>
    <message>
        <source>Not convex, with plateaus: σ′(s) = p(1 − p) vanishes wherever the model is confidently right or confidently wrong, and so does the gradient. From the start (−4, 3), the weight&apos;s sign wrong, SGD and Momentum barely move, while RMSprop and Adam, which divide by the gradient&apos;s size, reach the minimum.</source>
        <translation>非凸，而且有平台：只要模型很有把握地答对或答错，σ′(s) = p(1 − p) 就趋于 0，梯度也随之消失。从起点 (−4, 3) 出发（权重的符号是错的），SGD 和动量法几乎不动；而 RMSprop 和 Adam 会除以梯度的大小，因而能到达最小值点。</translation>
    </message>
    <message>
        <source>Convex: one valley, and the gradient (p − t) x stays large exactly where the model is confidently wrong: from the same start as on MSE, |∇L| is over 100 times larger and SGD gets moving.</source>
        <translation>凸函数：只有一个山谷，而且恰恰在模型很有把握却答错的地方，梯度 (p − t) x 仍然很大：从与均方误差相同的起点出发，|∇L| 要大 100 多倍，SGD 也就动起来了。</translation>
    </message>
    <message>
        <source>Cross-entropy with each point scaled by (1 − qᵢ)ᵞ: points the model already gets right stop pulling, so the minimum sits at a smaller weight (w ≈ 0.45, against 1.12 for cross-entropy): a less confident model.</source>
        <translation>在交叉熵的基础上，每个点再乘以 (1 − qᵢ)ᵞ：模型已经判对的点不再拉动参数，所以最小值点落在更小的权重处（w ≈ 0.45，交叉熵则为 1.12）：得到一个不那么自信的模型。</translation>
    </message>
    <message>
        <source>Logistic regression, {loss}</source>
        <translation>逻辑回归，{loss}</translation>
    </message>
    <message>
        <source>x is the weight w, y the bias b. Data (x, t): {data}. {lesson}</source>
        <translation>x 是权重 w，y 是偏置 b。数据 (x, t)：{data}。{lesson}</translation>
    </message>
    <message>
        <source>Exact gradient (too long to show)</source>
        <translation>精确梯度（太长，不显示）</translation>
    </message>
    <message>
        <source>Exact gradient: {gradient}</source>
        <translation>精确梯度：{gradient}</translation>
    </message>
    <message>
        <source>Your formula. {gradient}; the minimum marked is estimated from a {n}×{n} grid.</source>
        <translation>自定义公式。{gradient}；标出的最小值点是在 {n}×{n} 的网格上估计出来的。</translation>
    </message>
</context>
<context>
    <name>RaceSurfacePicker</name>
    <message>
        <source>Your formula…</source>
        <translation>自定义公式…</translation>
    </message>
    <message>
        <source>f(x, y) = e.g. x**2 + 3*sin(y)</source>
        <translation>f(x, y) = 例如 x**2 + 3*sin(y)</translation>
    </message>
    <message>
        <source>a formula in x and y: + − * / **, sin, cos, exp, log, sqrt, abs, tanh, …; press Enter to use it</source>
        <translation>关于 x 和 y 的公式：可以用 + − * / **、sin、cos、exp、log、sqrt、abs、tanh 等；按回车键使用</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用</translation>
    </message>
    <message>
        <source>race on this formula (Enter)</source>
        <translation>在这个公式上竞赛（回车键）</translation>
    </message>
    <message>
        <source>type a formula in x and y first</source>
        <translation>请先输入一个关于 x 和 y 的公式</translation>
    </message>
</context>
<context>
    <name>RaceTab</name>
    <message>
        <source>Run / pause the race</source>
        <translation>运行/暂停竞赛</translation>
    </message>
    <message>
        <source>Step forward</source>
        <translation>前进一步</translation>
    </message>
    <message>
        <source>Step back</source>
        <translation>后退一步</translation>
    </message>
    <message>
        <source>Reset to step 0</source>
        <translation>重置到第 0 步</translation>
    </message>
</context>
<context>
    <name>RaceTable</name>
    <message>
        <source>optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>loss f(θ)</source>
        <translation>损失 f(θ)</translation>
    </message>
    <message>
        <source>state</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>velocity</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>sum_sq</source>
        <translation>梯度平方和</translation>
    </message>
    <message>
        <source>mu_product</source>
        <translation>μ 连乘积</translation>
    </message>
    <message>
        <source>diverged ({step})</source>
        <translation>已发散（{step}）</translation>
    </message>
    <message>
        <source>diverged at step {step}</source>
        <translation>在第 {step} 步发散</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>state of step {step}:   {state}</source>
        <translation>第 {step} 步的状态：   {state}</translation>
    </message>
    <message>
        <source>g² overflowed at step {step}   {state}</source>
        <translation>g² 在第 {step} 步溢出   {state}</translation>
    </message>
</context>
<context>
    <name>RaceTransport</name>
    <message>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>{speed} steps/s</source>
        <translation>{speed} 步/秒</translation>
    </message>
    <message>
        <source>step {step} of {total}</source>
        <translation>第 {step} 步，共 {total} 步</translation>
    </message>
    <message>
        <source>step {step} of {last} recorded (max {total})</source>
        <translation>第 {step} 步，已记录 {last} 步（最多 {total} 步）</translation>
    </message>
    <message>
        <source>run or pause the race (Space)</source>
        <translation>运行或暂停竞赛（空格键）</translation>
    </message>
    <message>
        <source>◀ Step back</source>
        <translation>◀ 后退</translation>
    </message>
    <message>
        <source>one step back through the recorded history (Left)</source>
        <translation>在记录的历史中后退一步（左方向键）</translation>
    </message>
    <message>
        <source>Step ▶</source>
        <translation>单步 ▶</translation>
    </message>
    <message>
        <source>one step forward (Right)</source>
        <translation>前进一步（右方向键）</translation>
    </message>
    <message>
        <source>⟲ Reset</source>
        <translation>⟲ 重置</translation>
    </message>
    <message>
        <source>back to step 0 with the current settings (R)</source>
        <translation>用当前设置回到第 0 步（R 键）</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>steps per second; max runs as fast as the computer can</source>
        <translation>每秒的步数；“最快”表示以计算机能达到的最快速度运行</translation>
    </message>
    <message>
        <source>Max steps</source>
        <translation>最大步数</translation>
    </message>
    <message>
        <source>scrub through the recorded history: the surface and the curves highlight the chosen step</source>
        <translation>在记录的历史中来回拖动：曲面和曲线会突出显示选中的那一步</translation>
    </message>
    <message>
        <source>the step shown, of the steps recorded so far; then the race&apos;s maximum number of steps</source>
        <translation>当前显示的步数、目前已记录的步数，以及本次竞赛的最大步数</translation>
    </message>
    <message>
        <source>❚❚  Pause</source>
        <translation>❚❚  暂停</translation>
    </message>
    <message>
        <source>▶  Run</source>
        <translation>▶  运行</translation>
    </message>
</context>
<context>
    <name>RaceView</name>
    <message>
        <source>At each head — dashed arrow: −η∇f, the step plain gradient descent would take; solid arrow: the optimizer&apos;s actual step. All arrows share one scale (stated under the surface): a longer arrow is a bigger step; under {px} px, none is drawn.</source>
        <translation>每个参赛者当前所在的点上有两支箭头。虚线箭头：−η∇f，即普通梯度下降会走的一步；实线箭头：这个优化器实际走的一步。所有箭头用同一个比例（标在曲面下方）：箭头越长，步子越大；短于 {px} px 的箭头不画。</translation>
    </message>
    <message>
        <source>hatched: f undefined</source>
        <translation>阴影区：f 无定义</translation>
    </message>
    <message>
        <source>arrow scale: no step taken yet</source>
        <translation>箭头比例：还没有走出一步</translation>
    </message>
    <message>
        <source>arrow scale: {px} px = a step of {step}</source>
        <translation>箭头比例：{px} px = 步长 {step}</translation>
    </message>
    <message>
        <source>the start: drag it, or click anywhere on the surface</source>
        <translation>起点：拖动它，或点击曲面上的任意位置</translation>
    </message>
    <message>
        <source>undefined here</source>
        <translation>此处无定义</translation>
    </message>
</context>
<context>
    <name>Scenario</name>
    <message>
        <source>Rosenbrock&apos;s banana valley</source>
        <translation>Rosenbrock 的香蕉形山谷</translation>
    </message>
    <message>
        <source>Everyone finds the curved valley within a few steps; following its nearly flat floor to the star at (1, 1) is the hard part. Watch SGD crawl along the floor (its gradient there is about a hundredth of the gradient at the start), Momentum build up speed and overshoot the bends, Adam take steps of at most about η however steep the slope, and RMSprop rattle from wall to wall across the floor. Compare the loss curves on the log scale: they end orders of magnitude apart.</source>
        <translation>几步之内，大家都能找到那条弯弯的山谷；难的是沿着几乎平坦的谷底，一路走到 (1, 1) 处的星号。注意看：SGD 在谷底慢慢爬（那里的梯度只有起点处的百分之一左右）；动量法越跑越快，在拐弯处冲过了头；Adam 不管坡有多陡，每步最多只走大约 η；RMSprop 则在谷底两侧的谷壁之间来回撞。再对比一下对数刻度下的损失曲线：最后它们相差好几个数量级。</translation>
    </message>
    <message>
        <source>Ravine: momentum vs SGD</source>
        <translation>峡谷：动量法对比 SGD</translation>
    </message>
    <message>
        <source>A long narrow ravine (curvatures 1 and 25). SGD needs a small η to stay stable across the ravine: at η = 0.07 it zig-zags from wall to wall before it crawls along the floor, and at η = 0.02 it crawls all the way. Momentum averages the zig-zag away (the steep components cancel, the gentle ones add up) and reaches the star in about half the steps of SGD at η = 0.07; Nesterov, which looks ahead before it steps, in about a quarter: watch its update arrow turn to point along the ravine after its first step.</source>
        <translation>一条又长又窄的峡谷（两个方向的曲率分别是 1 和 25）。SGD 要在峡谷的横向上保持稳定，η 就得小：η = 0.07 时，它先在两侧谷壁之间来回振荡，然后才沿着谷底慢慢爬；η = 0.02 时，它从头到尾都在慢慢爬。动量法把这种来回振荡平均掉了（陡峭方向上的分量相互抵消，平缓方向上的分量不断累加），到达星号所用的步数大约只有 η = 0.07 的 SGD 的一半；Nesterov 会先往前看一步再走，只要大约四分之一。注意看：它走完第一步之后，更新箭头就转过来，顺着峡谷的走向了。</translation>
    </message>
    <message>
        <source>Saddle point</source>
        <translation>鞍点</translation>
    </message>
    <message>
        <source>f = x² − y² has no minimum; the origin is a saddle where ∇f = 0. Starting almost on the x-axis, SGD slides to the saddle and lingers there for about twenty steps: the y-gradient is tiny, so its steps are tiny, until y has grown enough to carry it off downhill. RMSprop and Adam divide by the gradient&apos;s size, so the tiny y-gradient still produces a full step and they escape downhill far sooner. Watch the gradient arrows shrink near the centre: along SGD&apos;s path |∇f| falls from 3 to about 0.3.</source>
        <translation>f = x² − y² 没有最小值；原点是一个鞍点，那里 ∇f = 0。从几乎贴着 x 轴的地方出发，SGD 滑到鞍点附近，在那里徘徊了大约二十步：y 方向的梯度很小，所以它的步子也很小，直到 y 长得足够大，才把它带下坡去。RMSprop 和 Adam 会除以梯度的大小，所以哪怕 y 方向的梯度很小，也照样迈出完整的一步，它们逃下坡要快得多。注意看中心附近的梯度箭头是怎样缩短的：沿着 SGD 的路径，|∇f| 从 3 降到了 0.3 左右。</translation>
    </message>
    <message>
        <source>Rastrigin: a field of local minima</source>
        <translation>Rastrigin：遍地都是局部最小值</translation>
    </message>
    <message>
        <source>An egg-crate of dimples on top of a bowl; the only global minimum is the star at (0, 0). Small steps fall into the nearest dimple and stop: the gradient there is zero, so the optimizer believes it is done. Momentum carries enough speed to roll over several ridges before it settles in a dimple about half as high, and Adam&apos;s large steps (η = 1) jump ridges too. Nobody is guaranteed the global minimum: gradient descent is local.</source>
        <translation>碗面上铺着一层蛋托似的小坑；唯一的全局最小值是 (0, 0) 处的星号。小步长会掉进最近的小坑然后停下：那里的梯度为零，优化器就以为自己已经到了。动量法带着足够的速度，能翻过好几道山脊，最后停在一个高度只有大约一半的小坑里；Adam 的步子很大（η = 1），也能跳过山脊。但谁都不能保证找到全局最小值：梯度下降只看得到局部。</translation>
    </message>
    <message>
        <source>Beale&apos;s function</source>
        <translation>Beale 函数</translation>
    </message>
    <message>
        <source>Flat plateaus beside walls that climb steeply to the corners (note the log colour scale). Watch which optimizers find the narrow valley to the star at (3, 0.5): SGD is slowed on the flat, while RMSprop and Adam rescale each coordinate and keep moving.</source>
        <translation>平坦的平台旁边，是陡峭地爬向四个角的墙壁（注意颜色用的是对数刻度）。看看哪些优化器能找到通往 (3, 0.5) 处星号的那条窄窄的山谷：SGD 在平地上被拖慢了，而 RMSprop 和 Adam 会对每个坐标分别重新缩放，所以一直在往前走。</translation>
    </message>
    <message>
        <source>Learning-rate limit 2/λₘₐₓ</source>
        <translation>学习率上限 2/λₘₐₓ</translation>
    </message>
    <message>
        <source>f = ½(x² + 25y²) has Hessian eigenvalues λ = 1 and λₘₐₓ = 25. Gradient descent multiplies the y-error by (1 − 25η) each step: stable only while |1 − 25η| &lt; 1, i.e. η &lt; 2/λₘₐₓ = 0.08. At η = 0.075 SGD zig-zags but converges; at η = 0.085 every zig-zag is larger than the last and it diverges. Small η is safe but slow along x.</source>
        <translation>f = ½(x² + 25y²) 的海森矩阵特征值是 λ = 1 和 λₘₐₓ = 25。梯度下降每走一步，就把 y 方向的误差乘以 (1 − 25η)：只有 |1 − 25η| &lt; 1，也就是 η &lt; 2/λₘₐₓ = 0.08 时，它才稳定。η = 0.075 时，SGD 来回振荡，但最终收敛；η = 0.085 时，每次振荡都比上一次大，最后发散。η 小固然安全，可沿 x 方向走得很慢。</translation>
    </message>
    <message>
        <source>Plateau and cliff</source>
        <translation>平台与悬崖</translation>
    </message>
    <message>
        <source>On the plateau the gradient is a few 10⁻³. SGD with η = 0.5 creeps across it for hundreds of steps, then the cliff flings it back out: the well&apos;s curvature is 2/0.25² = 32, so SGD is stable there only for η &lt; 2/32. With η = 10 it races across and is flung far away within 30 steps. Adam steps about η whatever the slope and walks down into the well; RMSprop too, but its first steps are about 10η (its average of g² starts from zero; Adam corrects for that).</source>
        <translation>在平台上，梯度只有几个 10⁻³。η = 0.5 的 SGD 要花几百步才慢慢爬过平台，接着就被悬崖甩了出去：凹坑的曲率是 2/0.25² = 32，所以 SGD 在那里只有 η &lt; 2/32 时才稳定。η = 10 时，它飞快地冲过平台，不到 30 步就被远远甩了出去。Adam 不管坡度如何，每步大约走 η，稳稳地走进了凹坑；RMSprop 也能进去，但它最初几步大约是 10η（它对 g² 的平均是从零开始算的；Adam 对此做了校正）。</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <source>could not be read</source>
        <translation>无法读取</translation>
    </message>
    <message>
        <source>Remembered settings ({file}) {what}; the defaults are used instead.</source>
        <translation>记住的设置（{file}）{what}，已改用默认值。</translation>
    </message>
    <message>
        <source>had an unusable {key}</source>
        <translation>中的 {key} 不可用</translation>
    </message>
    <message>
        <source>The remembered race set-up was not used ({reason}); the default scenario is shown.</source>
        <translation>未使用记住的竞赛设置（{reason}），显示的是默认场景。</translation>
    </message>
</context>
<context>
    <name>Terms</name>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>动量法</translation>
    </message>
    <message>
        <source>Nesterov</source>
        <translation>Nesterov</translation>
    </message>
    <message>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>Adamax</source>
        <translation>Adamax</translation>
    </message>
    <message>
        <source>NAdam</source>
        <translation>NAdam</translation>
    </message>
    <message>
        <source>Mean squared error</source>
        <translation>均方误差（MSE）</translation>
    </message>
    <message>
        <source>Cross-entropy</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>Weighted cross-entropy</source>
        <translation>加权交叉熵</translation>
    </message>
    <message>
        <source>Focal loss</source>
        <translation>焦点损失（Focal Loss）</translation>
    </message>
    <message>
        <source>MSE on softmax</source>
        <translation>Softmax 输出的均方误差</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>Sigmoid</translation>
    </message>
    <message>
        <source>Tanh</source>
        <translation>Tanh</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>Leaky ReLU</source>
        <translation>Leaky ReLU</translation>
    </message>
    <message>
        <source>ELU</source>
        <translation>ELU</translation>
    </message>
    <message>
        <source>GELU</source>
        <translation>GELU</translation>
    </message>
    <message>
        <source>Softplus</source>
        <translation>Softplus</translation>
    </message>
    <message>
        <source>Swish (SiLU)</source>
        <translation>Swish (SiLU)</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>momentum</source>
        <translation>动量系数</translation>
    </message>
    <message>
        <source>smoothing constant</source>
        <translation>平滑常数</translation>
    </message>
    <message>
        <source>first-moment decay</source>
        <translation>一阶矩衰减率</translation>
    </message>
    <message>
        <source>second-moment decay</source>
        <translation>二阶矩衰减率</translation>
    </message>
    <message>
        <source>epsilon</source>
        <translation>数值稳定常数</translation>
    </message>
    <message>
        <source>weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <source>learning-rate decay</source>
        <translation>学习率衰减</translation>
    </message>
    <message>
        <source>initial accumulator</source>
        <translation>累加器初值</translation>
    </message>
    <message>
        <source>momentum decay</source>
        <translation>动量衰减</translation>
    </message>
    <message>
        <source>ε inside the square root</source>
        <translation>ε 放在平方根内</translation>
    </message>
</context>
</TS>
